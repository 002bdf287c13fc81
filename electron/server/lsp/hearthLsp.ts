/**
 * `hearth-lsp`: the language server for editors, over the code of a Hearth library. It runs Hearth's language server
 * as its child and passes every LSP message between it and the editor; once the editor has initialized, it sends the
 * child the library's code documents (LibraryCodeView: the catalogue opened read-only, the files from their source
 * paths) and looks again every few seconds. It never writes to the library: the running Hearth stays its one writer.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { INDEX_FILES, REMOVE_FILES } from '../../core/lsp/lspProtocol';
import { dataPaths, resolveDataDir } from '../../core/paths/resolveDataDir';
import { languageServerScript } from '../nodePlatform';
import { LibraryCodeView } from './LibraryCodeView';

const USAGE =
  'Usage: hearth-lsp [--data-dir DIR] [--poll-ms MS]\n' +
  'A language server (LSP over stdio) for the code in your Hearth library: symbols, definitions, references, hover.\n' +
  'The library is read from the data folder (--data-dir or HEARTH_HOME), read-only.\n';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, 'poll-ms': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const catalog = dataPaths(values['data-dir'] ?? resolveDataDir()).catalog;
  if (!existsSync(catalog)) {
    process.stderr.write(
      `hearth-lsp: no Hearth library at ${catalog}. Point it at one with --data-dir or HEARTH_HOME.\n`,
    );
    process.exit(2);
  }
  const pollMs = Math.max(500, Number(values['poll-ms'] ?? 5_000));
  const script = languageServerScript();
  const child = spawn(process.execPath, [...(script.execArgv ?? []), script.entry], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const editor = createMessageConnection(
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout),
  );
  const server = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let view: LibraryCodeView | undefined;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async (): Promise<void> => {
    if (!view) return;
    try {
      const { files, removed } = await view.changes();
      if (removed.length > 0) await server.sendNotification(REMOVE_FILES, { uris: removed });
      if (files.length > 0) await server.sendRequest(INDEX_FILES, { files });
    } catch (error) {
      process.stderr.write(`hearth-lsp: could not read the library: ${(error as Error).message}\n`);
    }
    timer = setTimeout(() => void refresh(), pollMs);
  };

  editor.onRequest(async (method, params, token) => {
    const result = await server.sendRequest(method, params, token);
    if (method === 'initialize') {
      const extensions = (result as { capabilities?: { experimental?: { hearthExtensions?: string[] } } }).capabilities
        ?.experimental?.hearthExtensions;
      view = new LibraryCodeView(catalog, new Set(extensions ?? []));
    }
    return result;
  });
  editor.onNotification(async (method, params) => {
    await server.sendNotification(method, params);
    if (method === 'initialized') await refresh();
  });
  server.onNotification((method, params) => void editor.sendNotification(method, params));
  server.onRequest((method, params, token) => editor.sendRequest(method, params, token));

  child.once('exit', (code) => {
    clearTimeout(timer);
    process.exit(code ?? 1);
  });
  // The editor went away: the child goes with it.
  process.stdin.once('end', () => child.kill());
  editor.listen();
  server.listen();
}

main().catch((error: unknown) => {
  process.stderr.write(`hearth-lsp: ${(error as Error).message}\n`);
  process.exit(1);
});
