import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import type { Location } from 'vscode-languageserver';
import {
  INDEX_FILES,
  SERVER_STATUS,
  type IndexFilesResult,
  type ServerStatus,
  type WorkspaceFile,
} from '../../electron/core/lsp/lspProtocol';
import { debianGoSource, DEBIAN_GO_PACKAGE } from './lsp/debianGoSource';
import { generateCodeRepo } from './lsp/generateCodeRepo';
import { percentile, round, type BenchRow } from './stats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FILES = Number(process.env['HEARTH_BENCH_LSP_FILES'] ?? 2_000);
const QUERIES = Number(process.env['HEARTH_BENCH_LSP_QUERIES'] ?? 500);
const BATCH = 100;

/** The language server as the core runs it in development: a child over stdio, its TypeScript source through tsx. */
function startServer(): { connection: MessageConnection; stop(): Promise<void> } {
  const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'electron/core/lsp/server/languageServer.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  return {
    connection,
    stop: async () => {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      if (child.exitCode === null) await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}

async function index(connection: MessageConnection, files: WorkspaceFile[]): Promise<{ ms: number; indexed: number }> {
  const started = performance.now();
  let indexed = 0;
  for (let i = 0; i < files.length; i += BATCH) {
    indexed += (await connection.sendRequest<IndexFilesResult>(INDEX_FILES, { files: files.slice(i, i + BATCH) }))
      .indexed;
  }
  return { ms: performance.now() - started, indexed };
}

async function timed(run: () => Promise<unknown>, times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

/**
 * The language server (issue 17): files indexed per second on a generated repository across the four languages and
 * on a real Go code base from Debian, workspace/symbol and definition p50/p99 over stdio, and the child's RSS.
 * HEARTH_BENCH_LSP_FILES (2,000), HEARTH_BENCH_LSP_QUERIES (500).
 */
export async function lspSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const repo = generateCodeRepo(FILES);
  const rows: BenchRow[] = [];
  const server = startServer();
  try {
    const { connection } = server;
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const generatedChars = repo.files.reduce((n, f) => n + f.text.length, 0);
    const generated = await index(connection, repo.files);
    const afterGenerated = await connection.sendRequest<ServerStatus>(SERVER_STATUS);
    rows.push(
      { metric: 'generated: files indexed/s', value: round((generated.indexed / generated.ms) * 1000, 0), unit: 'files/s', note: `${String(generated.indexed)} files, ${String(round(generatedChars / 1e6, 1))} MB, ${String(afterGenerated.symbols)} symbols` },
      { metric: 'generated: index time', value: round(generated.ms, 0), unit: 'ms' },
      { metric: 'child RSS after generated repo', value: round(afterGenerated.rssBytes / 2 ** 20, 1), unit: 'MiB' },
    ); // prettier-ignore

    let pick = 0;
    const nextName = (): string => repo.names[(pick = (pick * 7919 + 13) % repo.names.length)]!;
    const exact = await timed(() => connection.sendRequest('workspace/symbol', { query: nextName() }), QUERIES);
    const prefix = await timed(
      () => connection.sendRequest('workspace/symbol', { query: nextName().slice(0, 8) }),
      QUERIES,
    );
    let correct = 0;
    let call = 0;
    const definition = await timed(async () => {
      const site = repo.calls[(call = (call * 7919 + 11) % repo.calls.length)]!;
      const found = await connection.sendRequest<Location[]>('textDocument/definition', {
        textDocument: { uri: site.uri },
        position: { line: site.line, character: site.character + 1 },
      });
      if (found.length === 1 && found[0]!.uri === site.definedIn) correct++;
    }, QUERIES);
    rows.push(
      { metric: 'workspace/symbol (exact name) p50', value: round(percentile(exact, 50)), unit: 'ms' },
      { metric: 'workspace/symbol (exact name) p99', value: round(percentile(exact, 99)), unit: 'ms' },
      { metric: 'workspace/symbol (8-char prefix) p50', value: round(percentile(prefix, 50)), unit: 'ms', note: 'up to 200 results' },
      { metric: 'workspace/symbol (8-char prefix) p99', value: round(percentile(prefix, 99)), unit: 'ms' },
      { metric: 'definition p50', value: round(percentile(definition, 50)), unit: 'ms', note: 'cross-file calls' },
      { metric: 'definition p99', value: round(percentile(definition, 99)), unit: 'ms' },
      { metric: 'definition correct', value: round((correct / QUERIES) * 100, 1), unit: '%', note: 'the one expected file' },
    ); // prettier-ignore

    const real = await debianGoSource();
    const realIndex = await index(connection, real.files);
    const afterReal = await connection.sendRequest<ServerStatus>(SERVER_STATUS);
    const goUri = real.files.find((f) => f.text.includes('func '))!.uri;
    const realDefinitions = await timed(async () => {
      // Any name at a random spot of a random real file: most spots are names or near one.
      const file = real.files[(call = (call * 7919 + 3) % real.files.length)]!;
      const line = call % Math.max(1, file.text.split('\n').length);
      await connection.sendRequest('textDocument/definition', {
        textDocument: { uri: file.uri },
        position: { line, character: 8 },
      });
    }, QUERIES);
    const realSymbols = await timed(() => connection.sendRequest('workspace/symbol', { query: 'Package' }), 50);
    rows.push(
      { metric: `${DEBIAN_GO_PACKAGE}: files indexed/s`, value: round((realIndex.indexed / realIndex.ms) * 1000, 0), unit: 'files/s', note: `${String(realIndex.indexed)} of ${String(real.files.length)} .go files, ${String(round(real.bytes / 1e6, 1))} MB` },
      { metric: `${DEBIAN_GO_PACKAGE}: definition p50`, value: round(percentile(realDefinitions, 50)), unit: 'ms' },
      { metric: `${DEBIAN_GO_PACKAGE}: definition p99`, value: round(percentile(realDefinitions, 99)), unit: 'ms' },
      { metric: `${DEBIAN_GO_PACKAGE}: workspace/symbol "Package" p50`, value: round(percentile(realSymbols, 50)), unit: 'ms' },
      { metric: 'child RSS after both', value: round(afterReal.rssBytes / 2 ** 20, 1), unit: 'MiB', note: `${String(afterReal.files)} files, ${String(afterReal.symbols)} symbols` },
    ); // prettier-ignore
    return {
      rows,
      meta: { files: FILES, queries: QUERIES, batch: BATCH, realPackage: DEBIAN_GO_PACKAGE, sampleUri: goUri },
    };
  } finally {
    await server.stop();
  }
}
