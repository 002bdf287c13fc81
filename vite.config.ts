import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built to dist/renderer, loaded from file:// by Electron and served by the headless shell.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
