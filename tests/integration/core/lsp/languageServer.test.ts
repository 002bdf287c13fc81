import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import type { DocumentSymbol, Hover, Location, SymbolInformation, Diagnostic } from 'vscode-languageserver';
import {
  INDEX_FILES,
  SERVER_STATUS,
  type IndexFilesResult,
  type ServerStatus,
} from '../../../../electron/core/lsp/lspProtocol';
import { CODE_FIXTURES, positionOf } from '../../../fixtures/code/codeFixtures';
import { lspServerLaunch } from '../../../helpers/lspServerLaunch';

let child: ChildProcess;
let connection: MessageConnection;
const uriOf = (path: string): string => pathToFileURL(`/workspace/${path}`).href;

beforeAll(async () => {
  const launch = lspServerLaunch();
  child = spawn(process.execPath, [...launch.execArgv, launch.entry], { stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  const init = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  expect(init.capabilities).toMatchObject({ definitionProvider: true, hoverProvider: true });
  await connection.sendNotification('initialized', {});
  const files = CODE_FIXTURES.flatMap((f) =>
    Object.entries(f.files).map(([path, text]) => ({ uri: uriOf(path), text })),
  );
  const result = await connection.sendRequest<IndexFilesResult>(INDEX_FILES, {
    files: [...files, { uri: uriOf('notes/readme.md'), text: '# not code' }],
  });
  expect(result).toEqual({ indexed: files.length, skipped: 1 });
}, 30_000);

afterAll(async () => {
  await connection?.sendRequest('shutdown').catch(() => undefined);
  await connection?.sendNotification('exit').catch(() => undefined);
  connection?.dispose();
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }
});

describe.each(CODE_FIXTURES)('the language server on $language', (fixture) => {
  const defining = fixture.files[fixture.definingFile]!;
  const using = fixture.files[fixture.usingFile]!;
  const callSite = () => ({
    textDocument: { uri: uriOf(fixture.usingFile) },
    position: positionOf(using, `${fixture.defined}(`),
  });
  const declaration = positionOf(defining, `${fixture.defined}(`);

  it('outlines a file: top-level symbols in order, members nested', async () => {
    const symbols = await connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: uriOf(fixture.definingFile) },
    });
    expect(symbols.map((s) => s.name)).toEqual(fixture.topLevel);
    const parent = symbols.find((s) => s.name === fixture.member.parent);
    expect(parent?.children?.map((c) => c.name)).toContain(fixture.member.name);
  });

  it('finds the definition of a call in another file', async () => {
    const locations = await connection.sendRequest<Location[]>('textDocument/definition', callSite());
    expect(locations).toEqual([
      {
        uri: uriOf(fixture.definingFile),
        range: {
          start: declaration,
          end: { line: declaration.line, character: declaration.character + fixture.defined.length },
        },
      },
    ]);
  });

  it('resolves a parameter inside its function, not across the workspace', async () => {
    const use = positionOf(defining, fixture.parameter, 1);
    const locations = await connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: uriOf(fixture.definingFile) },
      position: use,
    });
    expect(locations.map((l) => [l.uri, l.range.start])).toEqual([
      [uriOf(fixture.definingFile), positionOf(defining, fixture.parameter, 0)],
    ]);
  });

  it('lists the references of a definition in every file', async () => {
    const refs = await connection.sendRequest<Location[]>('textDocument/references', {
      ...callSite(),
      context: { includeDeclaration: true },
    });
    const files = refs.map((r) => r.uri);
    expect(files).toContain(uriOf(fixture.definingFile));
    expect(files).toContain(uriOf(fixture.usingFile));
    expect(refs.find((r) => r.uri === uriOf(fixture.definingFile))?.range.start).toEqual(declaration);
    const withoutDeclaration = await connection.sendRequest<Location[]>('textDocument/references', {
      ...callSite(),
      context: { includeDeclaration: false },
    });
    expect(withoutDeclaration).toHaveLength(refs.length - 1);
  });

  it('hovers with the signature and the doc comment', async () => {
    const hover = await connection.sendRequest<Hover>('textDocument/hover', callSite());
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain(fixture.defined);
    expect(value).toContain(fixture.parameter);
    expect(value).toContain(fixture.doc);
  });

  it('finds the symbol across the workspace by part of its name', async () => {
    const found = await connection.sendRequest<SymbolInformation[]>('workspace/symbol', {
      query: fixture.defined.slice(1, -1),
    });
    expect(found.map((s) => [s.name, s.location.uri])).toContainEqual([fixture.defined, uriOf(fixture.definingFile)]);
  });

  it('reports the syntax error of a broken file on its line, and none for a good one', async () => {
    const broken = await connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: uriOf(fixture.brokenFile) },
    });
    expect(broken.items.length).toBeGreaterThan(0);
    expect(broken.items[0]!.message).toMatch(/^Syntax error/);
    expect(broken.items[0]!.range.start.line).toBeLessThanOrEqual(2);
    const good = await connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: uriOf(fixture.definingFile) },
    });
    expect(good.items).toEqual([]);
  });
});

describe('documents an editor opens', () => {
  it('are indexed as typed, with diagnostics pushed, and dropped when closed', async () => {
    const uri = uriOf('ts/scratch.ts');
    const pushed = new Promise<Diagnostic[]>((resolve) => {
      connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        if (p.uri === uri) resolve(p.diagnostics);
      });
    });
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: 'export function scratchPad( {}\n' },
    });
    expect((await pushed).length).toBeGreaterThan(0);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'export function scratchPad() {}\n' }],
    });
    await expect
      .poll(
        async () =>
          (await connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'scratchPad' })).length,
      )
      .toBe(1);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await expect
      .poll(
        async () =>
          (await connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'scratchPad' })).length,
      )
      .toBe(0);
    const status = await connection.sendRequest<ServerStatus>(SERVER_STATUS);
    expect(status.pid).toBe(child.pid);
    expect(status.files).toBe(CODE_FIXTURES.reduce((n, f) => n + Object.keys(f.files).length, 0));
  });
});
