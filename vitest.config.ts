import { defineConfig } from 'vitest/config';
import { rendererAliases } from './vite.config';

export default defineConfig({
  test: {
    projects: [
      {
        // The renderer's tests import it the way it imports itself (@/…, @shared/…).
        resolve: { alias: rendererAliases },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Some unit files load ESLint with a TypeScript program or parse large inputs: slow on a cold CI machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Real MinIO only exists where scripts/build-sidecars ran (the macOS workflow sets this). The zero-egress
          // test needs Linux network namespaces and strace: it runs on every Linux CI run, not on macOS.
          exclude: [
            ...(process.env.HEARTH_MINIO_TESTS === '1' ? [] : ['tests/integration/core/objects/objectsMinio.test.ts']),
            ...(process.platform === 'linux' ? [] : ['tests/integration/egress/**']),
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real processes and a real keychain: keep files from racing for the 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
