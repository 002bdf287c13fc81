import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskEvent, Message } from '../../../../electron/shared/answerSchemas';
import type { Result } from '../../../../electron/shared/result';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/tempCore';

/*
 * Answers over sources far longer than the context, with a chat model whose vocabulary has single characters only:
 * every character is a token, so a budget guessed from characters per token would overflow the context at once.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let longDocumentId = '';
const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });

/** A context small enough that a few sections fill it. */
const CONTEXT = 1024;

/** Sections of about 450 characters, each about the lantern, so every one is a relevant source. */
const SECTIONS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'].map((which) =>
  [
    `## The ${which} repair`,
    '',
    `The ${which} time the keeper repaired the copper lantern of the lighthouse, he took the lamp down, ` +
      'cleaned the glass with vinegar, and set new wick in the copper lantern. '.repeat(4) +
      'The lighthouse was dark for one night while the lantern was repaired.',
    '',
  ].join('\n'),
);

/** One section of about 1,900 characters: a passage that cannot fit whole. */
const LONG = [
  '# The keeper log',
  '',
  'The keeper wrote down how the copper lantern of the lighthouse was repaired, step by step, every winter. '.repeat(
    18,
  ),
  '',
].join('\n');

async function ask(input: Record<string, unknown>) {
  const events: AskEvent[] = [];
  const result = (await core.services.dispatcher.stream('chat.ask', input, ctx(), (e) => {
    events.push(e as AskEvent);
  })) as Result<{ conversationId: string; message: Message }>;
  return { events, result };
}

beforeAll(async () => {
  dir = await tempDir('hearth-long-sources-');
  const data = join(dir.path, 'data');
  await mkdir(data, { recursive: true });
  // The chat context is read when the runtime starts: it is set in the settings file the core opens.
  await writeFile(
    join(data, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_SETTINGS,
      inference: { ...DEFAULT_SETTINGS.inference, contextSize: CONTEXT },
      answers: { ...DEFAULT_SETTINGS.answers, maxTokens: 16 },
    }),
  );
  core = await startTestCore(data, { startSidecars: true });
  await core.services.storage.ready;
  expect(core.services.settings.get().inference.contextSize).toBe(CONTEXT);
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  // No words: the tokenizer falls back to single characters.
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chars.gguf'), { vocab: [], name: 'hearth-char-llama' })).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  await writeFile(join(dir.path, 'repairs.md'), `# Lantern repairs\n\n${SECTIONS.join('\n')}`);
  await writeFile(join(dir.path, 'log.md'), LONG);
  const batch = await core.services.library.ingest({
    paths: [join(dir.path, 'repairs.md'), join(dir.path, 'log.md')],
  });
  expect(batch.files.map((f) => f.stage)).toEqual(['indexed', 'indexed']);
  longDocumentId = batch.files[1]!.documentId!;
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('answers over sources longer than the context (one token a character)', () => {
  let conversationId = '';

  it('answers with the sources that fit, never fails, and says how many fit', async () => {
    const { result } = await ask({ question: 'How did the keeper repair the copper lantern?' });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    conversationId = result.value.conversationId;
    const { message } = result.value;
    expect(message).toMatchObject({ status: 'complete', grounded: true, error: null });
    const notice = /^Only (\d+) of the (\d+) passages found fit in this model's context/.exec(message.notice ?? '');
    expect(notice, message.notice).not.toBeNull();
    const [used, found] = [Number(notice![1]), Number(notice![2])];
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(found);
    // Every source in the prompt is listed as a citation, and no more.
    expect(message.citations.map((c) => c.n)).toEqual(Array.from({ length: used }, (_, i) => i + 1));
    console.info(`context ${CONTEXT}, one token a character: ${message.notice}`);
    // The notice is kept with the answer, so the conversation shows it when opened again.
    const convo = (await core.services.dispatcher.call('conversations.get', { id: conversationId }, ctx())) as Result<{
      messages: Message[];
    }>;
    expect(convo.ok && convo.value.messages[1]).toMatchObject({ id: message.id, notice: message.notice });
  });

  it('answers from a shortened passage when only part of one fits, and says so', async () => {
    const { result } = await ask({
      question: 'What did the keeper write about the copper lantern?',
      documentIds: [longDocumentId],
    });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const { message } = result.value;
    expect(message).toMatchObject({ status: 'complete', grounded: true });
    expect(message.citations).toHaveLength(1);
    expect(message.citations[0]).toMatchObject({ n: 1, documentName: 'log.md' });
    expect(message.notice).toMatch(/shortened/);
  });

  it('fits the quick prompt, a regenerated answer and an edited question the same way', async () => {
    const quick = await ask({ question: 'How was the copper lantern repaired?', quick: true });
    if (!quick.result.ok) throw new Error(`${quick.result.error.code}: ${quick.result.error.message}`);
    expect(quick.result.value.message.notice).toMatch(/^Only \d+ of the \d+ passages/);

    const regen = await ask({ conversationId, question: '', mode: 'regenerate' });
    if (!regen.result.ok) throw new Error(`${regen.result.error.code}: ${regen.result.error.message}`);
    expect(regen.result.value.message).toMatchObject({ status: 'complete', grounded: true });
    expect(regen.result.value.message.notice).toMatch(/^Only \d+ of the \d+ passages/);

    const convo = (await core.services.dispatcher.call('conversations.get', { id: conversationId }, ctx())) as Result<{
      messages: Message[];
    }>;
    if (!convo.ok) throw new Error(convo.error.message);
    const edited = await ask({
      conversationId,
      mode: 'edit',
      editMessageId: convo.value.messages[0]!.id,
      question: 'Why was the lighthouse dark while the copper lantern was repaired?',
    });
    if (!edited.result.ok) throw new Error(`${edited.result.error.code}: ${edited.result.error.message}`);
    expect(edited.result.value.message).toMatchObject({ status: 'complete', grounded: true });
    expect(edited.result.value.message.notice).toMatch(/^Only \d+ of the \d+ passages/);
  });
});
