import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_ANSWER } from '../../../../electron/core/agents/answerGraph';
import type { TestCore } from '../../../helpers/tempCore';
import type { AskEvent, Message } from '../../../../electron/shared/answerSchemas';
import type { Result } from '../../../../electron/shared/result';
import { makePdf } from '../../../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
type ConvoResult = Result<{ messages: Message[] }>;
const ctx = (signal = new AbortController().signal) => ({ origin: 'internal' as const, signal });

const NOTES = [
  '# Garden notes',
  '',
  'The orchard has apple trees near the river.',
  'Pears grow by the stone wall.',
  '',
  '## Winter',
  '',
  'In winter the gardener wraps the young fig trees in straw.',
  'Snow rarely stays on the south slope.',
  '',
].join('\n');

async function ask(input: Record<string, unknown>, signal?: AbortSignal) {
  const events: AskEvent[] = [];
  const result = (await core.services.dispatcher.stream('chat.ask', input, ctx(signal), (e) => {
    events.push(e as AskEvent);
  })) as Result<{ conversationId: string; message: Message }>;
  return { events, result };
}

beforeAll(async () => {
  dir = await tempDir('hearth-answers-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  // The tiny model rarely ends on its own: short answers keep the test quick.
  await core.services.settings.update({ answers: { maxTokens: 24 } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chat.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  await writeFile(
    join(dir.path, 'report.pdf'),
    await makePdf([
      'The first page describes the annual budget of the library.',
      'The second page explains how the lighthouse keeper repaired the copper lantern.',
      'The third page lists the volunteers of the harvest festival.',
    ]),
  );
  await writeFile(join(dir.path, 'garden.md'), NOTES);
  const batch = await core.services.library.ingest({
    paths: [join(dir.path, 'report.pdf'), join(dir.path, 'garden.md')],
  });
  expect(batch.files.map((f) => f.stage)).toEqual(['indexed', 'indexed']);
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('grounded answers through the core', () => {
  let conversationId = '';

  it('streams steps and tokens, and cites the real page of the PDF', async () => {
    const { events, result } = await ask({ question: 'Who repaired the copper lantern of the lighthouse?' });
    if (!result.ok) throw new Error(result.error.message);
    conversationId = result.value.conversationId;
    expect(events[0]).toMatchObject({ type: 'started', conversationId });
    const steps = events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
    expect(steps).toEqual(['retrieving', 'grading', 'answering']);
    expect(events.filter((e) => e.type === 'token').length).toBeGreaterThan(1);
    const tokens = events.flatMap((e) => (e.type === 'token' ? [e.text] : [])).join('');
    expect(result.value.message).toMatchObject({ role: 'assistant', status: 'complete', grounded: true });
    expect(result.value.message.content).toBe(tokens);
    const top = result.value.message.citations[0]!;
    expect(top).toMatchObject({ n: 1, documentName: 'report.pdf', page: 2 });
    // The citation names a passage that really is on that page of the ingested file.
    const passage = await core.services.dispatcher.call('library.passage', { chunkId: top.chunkId }, ctx());
    expect(passage, JSON.stringify(passage)).toMatchObject({
      ok: true,
      value: { page: 2, text: expect.stringContaining('copper lantern') },
    });
    expect(events.at(-1)).toMatchObject({ type: 'citations' });
  });

  it('cites the line range of a Markdown passage, and the lines hold its text', async () => {
    const { result } = await ask({
      conversationId,
      question: 'How does the gardener protect the fig trees in winter?',
    });
    if (!result.ok) throw new Error(result.error.message);
    const cite = result.value.message.citations.find((c) => c.documentName === 'garden.md')!;
    expect(cite.headingPath).toEqual(['Garden notes', 'Winter']);
    const lines = NOTES.split('\n').slice(cite.lineStart! - 1, cite.lineEnd);
    expect(lines.join('\n')).toContain('wraps the young fig trees in straw');
  });

  it('says it found nothing, after one rewritten retry, without asking the model', async () => {
    const { events, result } = await ask({ question: 'Which submarine patrols the glacier?' });
    if (!result.ok) throw new Error(result.error.message);
    const steps = events.flatMap((e) => (e.type === 'step' ? [e.step] : []));
    expect(steps).toEqual(['retrieving', 'grading', 'rewriting', 'retrieving', 'grading', 'answering']);
    expect(result.value.message, JSON.stringify({ steps, m: result.value.message })).toMatchObject({
      content: NOT_FOUND_ANSWER,
      grounded: false,
      citations: [],
    });
    expect(result.value.message.model).toBeNull();
  });

  it('records every tool execution in the audit log, whose chain verifies', async () => {
    const log = await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8').catch(async () => {
      const { readdir } = await import('node:fs/promises');
      const [file] = await readdir(core.paths.audit);
      return readFile(join(core.paths.audit, file!), 'utf8');
    });
    const entries = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { actor: string; action: string; data: { args: { query: string } } });
    const searches = entries.filter((e) => e.action === 'tool.search_documents');
    expect(searches.length).toBeGreaterThanOrEqual(4);
    expect(searches[0]).toMatchObject({ actor: 'agent', data: { args: { query: expect.stringContaining('copper') } } });
    expect(await core.services.dispatcher.call('audit.verify', {}, ctx())).toMatchObject({
      ok: true,
      value: { ok: true },
    });
    await expect(core.services.tools.execute('delete_everything' as never, {})).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });

  it('regenerates the last answer in place, edits and resends a question, and exports Markdown', async () => {
    const before = (await core.services.dispatcher.call('conversations.get', { id: conversationId }, ctx())) as Result<{
      messages: Message[];
    }>;
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    const regen = await ask({ conversationId, question: '', mode: 'regenerate' });
    expect(regen.result.ok).toBe(true);
    const after = (await core.services.dispatcher.call(
      'conversations.get',
      { id: conversationId },
      ctx(),
    )) as ConvoResult;
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.messages).toHaveLength(4);
    expect(after.value.messages[3]!.id).not.toBe(before.value.messages[3]!.id);

    const first = before.value.messages[0]!;
    const edited = await ask({
      conversationId,
      mode: 'edit',
      editMessageId: first.id,
      question: 'What does the third page list?',
    });
    if (!edited.result.ok) throw new Error(edited.result.error.message);
    expect(edited.result.value.message.citations[0]).toMatchObject({ documentName: 'report.pdf', page: 3 });
    const now = (await core.services.dispatcher.call(
      'conversations.get',
      { id: conversationId },
      ctx(),
    )) as ConvoResult;
    expect(now.ok && now.value.messages.map((m) => m.content)[0]).toBe('What does the third page list?');
    expect(now.ok && now.value.messages).toHaveLength(2);

    const exported = await core.services.dispatcher.call('conversations.export', { id: conversationId }, ctx());
    expect(exported).toMatchObject({
      ok: true,
      value: {
        fileName: expect.stringMatching(/\.md$/),
        markdown: expect.stringContaining('What does the third page'),
      },
    });
    // The sources go with each answer: file, page and passage.
    const markdown = exported.ok ? (exported.value as { markdown: string }).markdown : '';
    expect(markdown).toMatch(/^(Sources|Passages it was written from):$/m);
    expect(markdown).toMatch(/^\d+\. report\.pdf, page 3.* — “.+”$/m);
  });

  it('keeps what was written when the answer is stopped', async () => {
    const controller = new AbortController();
    const events: AskEvent[] = [];
    const pending = core.services.dispatcher.stream(
      'chat.ask',
      { question: 'Describe the copper lantern.' },
      ctx(controller.signal),
      (e) => {
        events.push(e as AskEvent);
        if ((e as AskEvent).type === 'token' && events.filter((x) => x.type === 'token').length === 2)
          controller.abort();
      },
    );
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const started = events[0] as Extract<AskEvent, { type: 'started' }>;
    const convo = (await core.services.dispatcher.call(
      'conversations.get',
      { id: started.conversationId },
      ctx(),
    )) as Result<{
      messages: Message[];
    }>;
    // Stopped mid-answer, it keeps the passages it was being written from.
    const stopped = convo.ok ? convo.value.messages[1] : undefined;
    expect(stopped).toMatchObject({ status: 'stopped', grounded: true });
    expect(stopped?.citations.map((c) => c.documentName)).toContain('report.pdf');
  });

  it('lists, searches, renames and deletes conversations', async () => {
    const list = await core.services.dispatcher.call('conversations.list', { search: 'third page' }, ctx());
    expect(list).toMatchObject({ ok: true, value: { conversations: [{ id: conversationId }] } });
    const renamed = await core.services.dispatcher.call(
      'conversations.update',
      { id: conversationId, title: 'Lanterns' },
      ctx(),
    );
    expect(renamed).toMatchObject({ ok: true, value: { title: 'Lanterns' } });
    expect(await core.services.dispatcher.call('conversations.delete', { id: conversationId }, ctx())).toMatchObject({
      ok: true,
    });
    expect(await core.services.dispatcher.call('conversations.get', { id: conversationId }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
