import { spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../electron/core/audit/AuditLog';
import { SERVER_STATUS, type ServerStatus } from '../../../../electron/core/lsp/lspProtocol';
import type { AskEvent, Message } from '../../../../electron/shared/answerSchemas';
import type { CodeSymbol } from '../../../../electron/shared/codeSchemas';
import type { Result } from '../../../../electron/shared/result';
import { CODE_FIXTURES, positionOf } from '../../../fixtures/code/codeFixtures';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { repoRoot, startTestCore, tempDir, waitFor, type TestCore } from '../../../helpers/tempCore';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { Location, SymbolInformation } from 'vscode-languageserver';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
const ids = new Map<string, string>();
const ctx = { origin: 'internal' as const, signal: new AbortController().signal };
const ts = CODE_FIXTURES.find((f) => f.language === 'typescript')!;

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = (await core.services.dispatcher.call(channel as never, input, ctx)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function auditEntries(): Promise<AuditEntry[]> {
  const text = await readFile(core.services.audit.path, 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

beforeAll(async () => {
  dir = await tempDir('hearth-code-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  await core.services.settings.update({ answers: { maxTokens: 16 } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chat.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  const paths: string[] = [];
  for (const fixture of CODE_FIXTURES) {
    for (const [name, text] of Object.entries(fixture.files)) {
      const path = join(dir.path, 'src', name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      paths.push(path);
    }
  }
  const batch = await core.services.library.ingest({ paths });
  expect(batch.files.every((f) => f.stage === 'indexed')).toBe(true);
  for (const doc of core.services.libraryCatalog.listDocuments()) {
    ids.set(doc.sourcePath!.slice(join(dir.path, 'src').length + 1), doc.id);
  }
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('code intelligence in the core', () => {
  it('outlines a code document of the library through the contract', async () => {
    const { symbols } = await call<{ symbols: CodeSymbol[] }>('code.outline', { documentId: ids.get(ts.definingFile) });
    expect(symbols.filter((s) => s.depth === 0).map((s) => s.name)).toEqual(ts.topLevel);
    const defined = symbols.find((s) => s.name === ts.defined)!;
    expect(defined).toMatchObject({ kind: 'function', line: 2, documentName: 'config.ts' });
    expect(defined.signature).toContain('loadConfig(source: string)');
  });

  it('jumps from a call to its definition in another document', async () => {
    const at = positionOf(ts.files[ts.usingFile]!, `${ts.defined}(`);
    const { locations } = await call<{ locations: unknown[] }>('code.definition', {
      documentId: ids.get(ts.usingFile),
      line: at.line + 1,
      character: at.character,
    });
    expect(locations).toEqual([
      { documentId: ids.get(ts.definingFile), documentName: 'config.ts', line: 2, character: 16 },
    ]);
  });

  it('writes every request to the audit log, and the chain verifies', async () => {
    const entries = (await auditEntries()).filter((e) => e.action.startsWith('lsp.'));
    const actions = entries.map((e) => e.action);
    expect(actions).toContain('lsp.initialize');
    expect(actions).toContain('lsp.hearth/indexFiles');
    const outline = entries.find((e) => e.action === 'lsp.textDocument/documentSymbol')!;
    expect(outline.actor).toBe('user:internal');
    const definition = entries.find((e) => e.action === 'lsp.textDocument/definition')!;
    expect(definition.data).toMatchObject({
      params: { position: positionOf(ts.files[ts.usingFile]!, `${ts.defined}(`) },
    });
    // The text of indexed files stays out of the log: names and counts only.
    expect(JSON.stringify(entries)).not.toContain('Reads the configuration');
    expect(await core.services.audit.verify()).toMatchObject({ ok: true });
    // Each request is a span too, in the trace of the contract call that made it.
    const { spans } = await core.services.telemetry.recent();
    const lsp = spans.find((s) => s.name === 'lsp textDocument/definition');
    expect(spans.find((s) => s.spanId === lsp?.parentSpanId)?.name).toMatch(/^rpc code\./);
  });

  it('follows the library: a new code document is found by name, a deleted one no longer', async () => {
    const path = join(dir.path, 'src', 'ts', 'extra.ts');
    await writeFile(path, 'export function freshlyAdded(): number {\n  return 1;\n}\n');
    await core.services.library.ingest({ paths: [path] });
    await waitFor('the new symbol in the code index', async () => {
      const found = await core.services.code.findSymbol('freshlyAdded', 'test');
      return found.some((s) => s.documentName === 'extra.ts' && s.line === 1);
    });
    const extra = core.services.libraryCatalog.listDocuments().find((d) => d.name === 'extra.ts')!;
    await core.services.library.delete(extra.id);
    await waitFor('the deleted document out of the code index', async () => {
      return (await core.services.code.findSymbol('freshlyAdded', 'test')).length === 0;
    });
  });

  it('is restarted by the supervisor after a crash, with the workspace sent again', async () => {
    const before = await core.services.lspClient.request<ServerStatus>(SERVER_STATUS, {}, 'test');
    expect(before.files).toBe(CODE_FIXTURES.reduce((n, f) => n + Object.keys(f.files).length, 0));
    process.kill(before.pid, 'SIGKILL');
    await waitFor(
      'the language server restarted',
      () => core.services.supervisor.list().some((c) => c.name === 'lsp' && c.restarts === 1 && c.state === 'running'),
      20_000,
    );
    const after = await core.services.lspClient.request<ServerStatus>(SERVER_STATUS, {}, 'test');
    expect(after.pid).not.toBe(before.pid);
    expect(after.files).toBe(before.files);
    const found = await core.services.code.findSymbol(ts.defined, 'test');
    expect(found.map((s) => s.documentName)).toContain('config.ts');
  }, 40_000);
});

describe('the agent on a code question', () => {
  it('answers "where is X defined" with go_to_definition, cited by file and line', async () => {
    const events: AskEvent[] = [];
    const result = (await core.services.dispatcher.stream(
      'chat.ask',
      { question: `Where is ${ts.defined} defined?` },
      ctx,
      (e) => void events.push(e as AskEvent),
    )) as Result<{ conversationId: string; message: Message }>;
    if (!result.ok) throw new Error(result.error.message);
    const citations = result.value.message.citations ?? [];
    expect(citations[0]).toMatchObject({ documentName: 'config.ts', lineStart: 2 });
    expect(citations[0]!.snippet).toContain('export function loadConfig(source: string): Config');
    const steps = events.flatMap((e) => (e.type === 'step' ? [e.detail ?? e.step] : []));
    expect(steps).toContain(`definition of ${ts.defined}`);
    const entries = await auditEntries();
    const tool = entries.find((e) => e.action === 'tool.go_to_definition');
    expect(tool).toMatchObject({ actor: 'agent', data: { args: { symbol: ts.defined }, results: 1 } });
    expect(entries.some((e) => e.actor === 'agent' && e.action === 'lsp.workspace/symbol')).toBe(true);
    expect(await core.services.audit.verify()).toMatchObject({ ok: true });
  }, 60_000);
});

describe('hearth-lsp, the stdio entry for editors', () => {
  it("serves the library's code read-only to an LSP client, by the files' own paths", async () => {
    const catalog = core.paths.catalog;
    const before = (await stat(catalog)).mtimeMs;
    const tsx = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsx,
        join(repoRoot, 'electron/server/lsp/hearthLsp.ts'),
        '--data-dir',
        core.paths.root,
        '--poll-ms',
        '500',
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const editor = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    editor.listen();
    try {
      await editor.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      await editor.sendNotification('initialized', {});
      const configUri = pathToFileURL(join(dir.path, 'src', ts.definingFile)).href;
      await waitFor('the library in hearth-lsp', async () => {
        const found = await editor.sendRequest<SymbolInformation[]>('workspace/symbol', { query: ts.defined });
        return found.some((s) => s.location.uri === configUri);
      });
      const mainUri = pathToFileURL(join(dir.path, 'src', ts.usingFile)).href;
      const definition = await editor.sendRequest<Location[]>('textDocument/definition', {
        textDocument: { uri: mainUri },
        position: positionOf(ts.files[ts.usingFile]!, `${ts.defined}(`),
      });
      expect(definition.map((l) => [l.uri, l.range.start.line])).toEqual([[configUri, 1]]);
      expect((await stat(catalog)).mtimeMs).toBe(before);
      await editor.sendRequest('shutdown');
      await editor.sendNotification('exit');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
    } finally {
      editor.dispose();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});
