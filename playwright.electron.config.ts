import { defineConfig } from '@playwright/test';

// The Electron E2E (tests/electron): macOS workflow only, after `npm run build`.
export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron-artifacts',
  workers: 1,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
