import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Platform } from '../core/platform';
import { resolveDataDir } from '../core/paths/resolveDataDir';

/** Finds a file shipped next to this module (bundled) or in the source tree (tsx). */
function locate(candidates: string[]): string {
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`Hearth is incomplete: none of ${candidates.join(', ')} exists next to ${import.meta.url}`);
}

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(locate(['../../package.json', '../package.json']), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The platform for the headless shell: plain Node, the OS keychain, this Node binary for Node children. */
export function nodePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    mode: 'headless',
    dataDir: resolveDataDir(),
    defaultDataDir: resolveDataDir({ env: {} }),
    appVersion: appVersion(),
    os: { platform: process.platform, arch: process.arch, nodeVersion: process.versions.node },
    // A headless Linux server may have no Secret Service at all; macOS and Windows always have a keychain.
    keychainFileFallback: process.platform === 'linux',
    node: { command: process.execPath },
    watchdogPath: locate(['./watchdog.cjs', '../core/supervisor/watchdog.cjs']),
    inferenceWorker: inferenceWorker(),
    parseWorker: parseWorker(),
    keywordWorker: threadScript('keywordWorker.mjs', '../core/library/catalog/keywordSearchWorker.ts'),
    lspServer: languageServerScript(),
    sidecars: sidecarPaths(),
    ...overrides,
  };
}

/** Sidecars from the source tree (or next to the bundle): MinIO if built, else our dev S3 server; Chroma's CLI. */
function sidecarPaths(): Platform['sidecars'] {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return {
    minioBinary: join(root, 'native', 'bin', `${process.platform}-${process.arch}`, 'minio'),
    devServerScript: locate(['./devS3Server.mjs', '../core/objects/devS3Server.mjs']),
    chromaCli: chromaCli(),
    allowDevServer: true,
  };
}

/** chromadb's CLI (`<package>/dist/cli.mjs`); its exports map hides package.json, so walk up from the entry. */
function chromaCli(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('chromadb'));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'cli.mjs');
}

/** The bundled worker next to the bundled shell, else the TypeScript source run through tsx (development). */
function inferenceWorker(): Platform['inferenceWorker'] {
  const bundled = fileURLToPath(new URL('./inferenceWorker.mjs', import.meta.url));
  if (existsSync(bundled)) return { entry: bundled };
  // An absolute loader URL: a bare `--import tsx` would resolve against the working directory.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry: locate(['../core/runtime/inference/inferenceWorker.ts']), execArgv: ['--import', tsx] };
}

/** The bundled parser worker next to the bundled shell, else the TypeScript source with tsx registered in the thread. */
function parseWorker(): NonNullable<Platform['parseWorker']> {
  return threadScript('parseWorker.mjs', '../core/library/parse/pool/parseWorker.ts');
}

/** A worker-thread script: bundled next to the bundled shell, else its TypeScript source with tsx registered. */
function threadScript(bundle: string, source: string): { entry: string; execArgv?: string[] } {
  const bundled = fileURLToPath(new URL(`./${bundle}`, import.meta.url));
  if (existsSync(bundled)) return { entry: bundled };
  // tsx registers its hooks in worker threads only from Node 24.11.1 (`--import tsx` does nothing there before), so
  // the thread registers them itself; a data: URL needs an absolute specifier.
  const register = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register();`;
  return { entry: locate([source]), execArgv: ['--import', `data:text/javascript,${encodeURIComponent(register)}`] };
}

/**
 * The bundled language server next to the bundled shell, else its TypeScript source run through tsx (the core's lsp
 * part and `hearth-lsp` both run it).
 */
export function languageServerScript(): NonNullable<Platform['lspServer']> {
  const bundled = fileURLToPath(new URL('./languageServer.mjs', import.meta.url));
  if (existsSync(bundled)) return { entry: bundled };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry: locate(['../core/lsp/server/languageServer.ts']), execArgv: ['--import', tsx] };
}

export function defaultRendererDir(): string {
  return fileURLToPath(new URL('../../dist/renderer', import.meta.url));
}
