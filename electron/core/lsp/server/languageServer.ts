/**
 * Hearth's language server: LSP over stdio, run by the core's supervisor (`lsp` part) and by `hearth-lsp` for
 * editors. It knows only what it is sent: the workspace (`hearth/indexFiles`) and the documents an editor opens. Runs
 * as `node --import tsx languageServer.ts` in development and tests, and as the bundle `languageServer.mjs` in the app.
 */
import { createConnection, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  INDEX_FILES,
  PING,
  REMOVE_FILES,
  SERVER_STATUS,
  type IndexFilesParams,
  type IndexFilesResult,
  type RemoveFilesParams,
  type ServerStatus,
} from '../lspProtocol';
import { CodeIndex } from './CodeIndex';
import { Grammars } from './Grammars';
import { LANGUAGE_PLUGINS } from './plugins';

const connection = createConnection(process.stdin, process.stdout);
const ready = Grammars.load(LANGUAGE_PLUGINS).then((grammars) => new CodeIndex(grammars));
/** Files the workspace owner sent: an editor closing one leaves its facts in place (the owner sends changes). */
const workspace = new Set<string>();
const documents = new TextDocuments(TextDocument);

connection.onInitialize(async () => {
  await ready;
  const extensions = LANGUAGE_PLUGINS.flatMap((p) => Object.keys(p.grammars));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      hoverProvider: true,
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      // Which files to send: the owner of the workspace filters by these.
      experimental: { hearthExtensions: extensions },
    },
    serverInfo: { name: 'hearth-lsp' },
  };
});

connection.onRequest(PING, () => 'pong');
connection.onRequest(SERVER_STATUS, async (): Promise<ServerStatus> => {
  const index = await ready;
  return { pid: process.pid, files: index.fileCount, symbols: index.symbolCount, rssBytes: process.memoryUsage.rss() };
});
connection.onRequest(INDEX_FILES, async (params: IndexFilesParams): Promise<IndexFilesResult> => {
  const index = await ready;
  let indexed = 0;
  for (const file of params.files) {
    if (index.set(file.uri, file.text)) {
      workspace.add(file.uri);
      indexed++;
    }
  }
  return { indexed, skipped: params.files.length - indexed };
});
connection.onNotification(REMOVE_FILES, async (params: RemoveFilesParams) => {
  const index = await ready;
  for (const uri of params.uris) {
    workspace.delete(uri);
    if (!documents.get(uri)) index.remove(uri);
  }
});

documents.onDidChangeContent(async ({ document }) => {
  const index = await ready;
  index.set(document.uri, document.getText());
  await connection.sendDiagnostics({ uri: document.uri, diagnostics: index.diagnostics(document.uri) });
});
documents.onDidClose(async ({ document }) => {
  const index = await ready;
  if (!workspace.has(document.uri)) index.remove(document.uri);
  await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.onDocumentSymbol(async (p) => (await ready).documentSymbols(p.textDocument.uri));
connection.onWorkspaceSymbol(async (p) => (await ready).workspaceSymbols(p.query));
connection.onDefinition(async (p) => (await ready).definition(p.textDocument.uri, p.position));
connection.onReferences(async (p) =>
  (await ready).references(p.textDocument.uri, p.position, p.context.includeDeclaration),
);
connection.onHover(async (p) => (await ready).hover(p.textDocument.uri, p.position));
connection.languages.diagnostics.on(async (p) => ({
  kind: 'full',
  items: (await ready).diagnostics(p.textDocument.uri),
}));

documents.listen(connection);
connection.listen();
