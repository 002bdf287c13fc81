import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer's import aliases (tsconfig.web.json `paths`); vitest.config.ts uses them for the renderer's tests. */
export const rendererAliases = {
  '@shared': fileURLToPath(new URL('./electron/shared', import.meta.url)),
  '@': fileURLToPath(new URL('./renderer/src', import.meta.url)),
};

// The renderer: built to dist/renderer, loaded from file:// by Electron and served by the headless shell.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: rendererAliases },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
