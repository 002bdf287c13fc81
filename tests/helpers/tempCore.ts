import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Core, CoreServices } from '../../electron/core/Core';
import { assembleCore } from '../../electron/core/createCore';
import type { Platform } from '../../electron/core/platform';
import { lspServerLaunch } from './lspServerLaunch';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const watchdogPath = join(repoRoot, 'electron/core/supervisor/watchdog.cjs');

const tsxApi = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
const registerTsx = `import { register } from ${JSON.stringify(tsxApi)}; register();`;

export async function tempDir(prefix = 'hearth-test-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A platform for tests: its own data dir (hence its own keychain namespace), this Node for children. */
export function testPlatform(dataDir: string, overrides: Partial<Platform> = {}): Platform {
  return {
    mode: 'headless',
    dataDir,
    defaultDataDir: join(tmpdir(), 'hearth-default-never-used'),
    appVersion: '0.0.0-test',
    os: { platform: process.platform, arch: process.arch, nodeVersion: process.versions.node },
    keychainFileFallback: process.platform === 'linux',
    node: { command: process.execPath },
    watchdogPath,
    inferenceWorker: {
      entry: join(repoRoot, 'electron/core/runtime/inference/inferenceWorker.ts'),
      execArgv: ['--import', pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href],
    },
    parseWorker: {
      entry: join(repoRoot, 'electron/core/library/parse/pool/parseWorker.ts'),
      // tsx registers its hooks in worker threads only from Node 24.11.1, so the thread registers them itself.
      execArgv: ['--import', `data:text/javascript,${encodeURIComponent(registerTsx)}`],
    },
    keywordWorker: {
      entry: join(repoRoot, 'electron/core/library/catalog/keywordSearchWorker.ts'),
      execArgv: ['--import', `data:text/javascript,${encodeURIComponent(registerTsx)}`],
    },
    lspServer: lspServerLaunch(),
    startSidecars: false,
    sidecars: {
      minioBinary: join(repoRoot, 'native/bin', `${process.platform}-${process.arch}`, 'minio'),
      devServerScript: join(repoRoot, 'electron/core/objects/devS3Server.mjs'),
      chromaCli: join(repoRoot, 'node_modules/chromadb/dist/cli.mjs'),
      allowDevServer: true,
    },
    logLevel: 'warn',
    ...overrides,
  };
}

/** The core as a shell sees it, plus every service for assertions behind the contract. */
export type TestCore = Core & { readonly services: CoreServices };

export async function startTestCore(dataDir: string, overrides: Partial<Platform> = {}): Promise<TestCore> {
  const { core, services } = await assembleCore(testPlatform(dataDir, overrides));
  return { ...core, services };
}

/** Polls until `check` returns true, failing with `what` after `timeoutMs`. For conditions, not speed. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
}
