import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/shared/contentSecurityPolicy';

/** The renderer's import aliases (tsconfig.web.json `paths`); vitest.config.ts uses them for the renderer's tests. */
export const rendererAliases = {
  '@shared': fileURLToPath(new URL('./electron/shared', import.meta.url)),
  '@': fileURLToPath(new URL('./renderer/src', import.meta.url)),
};

/**
 * Writes the UI's Content-Security-Policy into index.html as a `<meta>`, from the one builder the shells' headers
 * use. One build serves both shells, so it allows the desktop's `hearth:` originals; the headless header narrows it.
 */
export function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'hearth-content-security-policy',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy({ hearthScheme: true, meta: true }),
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The renderer: built to dist/renderer, loaded from file:// by Electron and served by the headless shell.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [contentSecurityPolicyMeta(), react()],
  resolve: { alias: rendererAliases },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
