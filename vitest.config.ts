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
      {
        // The catalogue's own tests again, on a real PostgreSQL server (a team server's catalogue).
        test: {
          name: 'catalogue-postgres',
          include: ['tests/integration/core/library/catalog/**/*.test.ts'],
          // SQLite's own: file migrations, a killed writer mid-transaction on the file, FTS5 repair.
          exclude: [
            'tests/integration/core/library/catalog/catalogMigrations.test.ts',
            'tests/integration/core/library/catalog/catalogStageRename.test.ts',
            'tests/integration/core/library/catalog/catalogKill.test.ts',
          ],
          globalSetup: ['tests/helpers/catalogPostgresSetup.ts'],
          provide: { catalogPostgres: null },
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
