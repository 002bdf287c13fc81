// Builds everything that runs outside the dev tools: the renderer (vite), the Electron main and preload
// bundles, and the headless shell bundle. Node 24 (node_modules/.bin first on PATH via npm).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { root, run } from './lib.mjs';

const only = process.argv[2];
const watchdog = join(root, 'electron/core/supervisor/watchdog.cjs');
const devS3 = join(root, 'electron/core/objects/devS3Server.mjs');

async function buildRenderer() {
  const code = await run('vite', ['build', '--logLevel', 'warn']);
  if (code !== 0) process.exit(code);
}

/** An ESM bundle of our code for Node 24; dependencies stay in node_modules. */
function nodeModuleBundle(entry, outfile) {
  return build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

async function buildServer() {
  await nodeModuleBundle('electron/server/main.ts', join(root, 'dist/server/main.mjs'));
  // hearth-mcp: the stdio proxy desktop MCP clients launch (docs/API.md); it talks to the running server only.
  await nodeModuleBundle('electron/server/gateway/mcp/stdioProxy.ts', join(root, 'dist/server/hearth-mcp.mjs'));
  // hearth-lsp: the language server editors launch (README); it reads the library read-only.
  await nodeModuleBundle('electron/server/lsp/hearthLsp.ts', join(root, 'dist/server/hearth-lsp.mjs'));
  // The container image's HEALTHCHECK (Dockerfile): asks the running shell's /healthz.
  await nodeModuleBundle('electron/server/healthcheck.ts', join(root, 'dist/server/healthcheck.mjs'));
  await buildWorker(join(root, 'dist/server/inferenceWorker.mjs'));
  await buildParseWorker(join(root, 'dist/server/parseWorker.mjs'));
  await buildKeywordWorker(join(root, 'dist/server/keywordWorker.mjs'));
  await buildLanguageServer(join(root, 'dist/server/languageServer.mjs'));
  mkdirSync(join(root, 'dist/server'), { recursive: true });
  copyFileSync(watchdog, join(root, 'dist/server/watchdog.cjs'));
  copyFileSync(devS3, join(root, 'dist/server/devS3Server.mjs'));
}

/** The inference worker runs as its own process (crash isolation); node-llama-cpp stays external. */
function buildWorker(outfile) {
  return nodeModuleBundle('electron/core/runtime/inference/inferenceWorker.ts', outfile);
}

/** The parser worker runs in a worker thread of the core (ParserPool); like the shell bundle, the parsers stay external. */
function buildParseWorker(outfile) {
  return nodeModuleBundle('electron/core/library/parse/pool/parseWorker.ts', outfile);
}

/** The keyword-search worker runs in a worker thread of the core beside a SQLite catalogue (KeywordThread). */
function buildKeywordWorker(outfile) {
  return nodeModuleBundle('electron/core/library/catalog/keywordSearchWorker.ts', outfile);
}

/**
 * The language server runs as a supervised child of the core (the lsp part) and, as `hearth-lsp`, for editors;
 * web-tree-sitter and the grammar WASM stay external (they load their .wasm files next to themselves).
 */
function buildLanguageServer(outfile) {
  return nodeModuleBundle('electron/core/lsp/server/languageServer.ts', outfile);
}

async function buildElectron() {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    sourcemap: true,
    logLevel: 'warning',
  };
  // main: node_modules ship inside the app; only our code is bundled.
  await build({
    ...common,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(root, 'dist/electron/main.cjs'),
    packages: 'external',
    // Core code written as ESM (import.meta.url) runs here as CommonJS: give it the file's URL.
    define: { 'import.meta.url': '__hearthImportMetaUrl' },
    banner: { js: "const __hearthImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  // preload: sandboxed, so it can require only 'electron': everything else (zod, the contract) is bundled in.
  await build({
    ...common,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(root, 'dist/electron/preload.cjs'),
    external: ['electron'],
  });
  copyFileSync(watchdog, join(root, 'dist/electron/watchdog.cjs'));
  copyFileSync(devS3, join(root, 'dist/electron/devS3Server.mjs'));
  await buildWorker(join(root, 'dist/electron/inferenceWorker.mjs'));
  await buildParseWorker(join(root, 'dist/electron/parseWorker.mjs'));
  await buildKeywordWorker(join(root, 'dist/electron/keywordWorker.mjs'));
  await buildLanguageServer(join(root, 'dist/electron/languageServer.mjs'));
}

if (!only || only === 'renderer') await buildRenderer();
if (!only || only === 'server') await buildServer();
if (!only || only === 'electron') await buildElectron();
