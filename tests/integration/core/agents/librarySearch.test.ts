import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessServer } from '../../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../../electron/server/createHeadlessServer';
import type { SearchResult } from '../../../../electron/shared/searchSchemas';
import { makePdf } from '../../../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir } from '../../../helpers/tempCore';
import { connect, signIn, type WsConnection } from '../../../helpers/wsClient';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
let ws: WsConnection;

const NOTES = [
  '# Garden notes',
  '',
  'The orchard has apple trees near the river.',
  '',
  '## Winter',
  '',
  'In winter the gardener wraps the young fig trees in straw.',
  'The lanterns in the shed were repaired last winter.',
  '',
].join('\n');

/** The marked words of each passage, as the search box shows them. */
const marks = (result: SearchResult): string[][] =>
  result.passages.map((p) => p.highlights.map((h) => p.text.slice(h.start, h.end)));

async function search(input: Record<string, unknown>): Promise<SearchResult> {
  const result = await ws.api.library.search(input as never);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  dir = await tempDir('hearth-search-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  await writeFile(
    join(dir.path, 'report.pdf'),
    await makePdf([
      'The first page describes the annual budget of the library.',
      'The second page explains how the lighthouse keeper repaired the copper lantern.',
      'The third page lists the volunteers of the harvest festival.',
    ]),
  );
  await writeFile(join(dir.path, 'garden.md'), NOTES);
  const work = await core.services.library.ingest({ paths: [join(dir.path, 'report.pdf')], collection: 'Work' });
  const home = await core.services.library.ingest({ paths: [join(dir.path, 'garden.md')] });
  expect([...work.files, ...home.files].map((f) => f.stage)).toEqual(['indexed', 'indexed']);
  server = await createHeadlessServer({ core, rendererDir: join(dir.path, 'no-ui') });
  ws = await connect(server.origin, await signIn(server.signInUrl()));
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

describe('library.search over the WebSocket contract', () => {
  it('finds passages in both documents with inflected words marked, their places, grouped by document', async () => {
    // Exact words for the index (stemming there is not assumed); the marks also catch "lanterns".
    const result = await search({ query: 'repaired lantern', mode: 'keyword' });
    expect(result).toMatchObject({ query: 'repaired lantern', mode: 'keyword', vectorSkipped: null });
    const pdf = result.passages.find((p) => p.documentName === 'report.pdf');
    const md = result.passages.find((p) => p.documentName === 'garden.md');
    expect(pdf).toMatchObject({ page: 2, location: 'p. 2', text: expect.stringContaining('copper lantern') });
    expect(md).toMatchObject({
      headingPath: ['Garden notes', 'Winter'],
      location: expect.stringMatching(/Winter · lines? \d/),
    });
    expect(marks({ ...result, passages: [pdf!] })[0]).toEqual(['repaired', 'lantern']);
    expect(marks({ ...result, passages: [md!] })[0]).toEqual(['lanterns', 'repaired']);
    // Every passage belongs to exactly one group, and groups follow the best passage.
    expect(result.documents.flatMap((d) => d.passageIndexes).sort()).toEqual(result.passages.map((_, i) => i));
    expect(result.documents[0]!.passageIndexes[0]).toBe(0);
    expect(result.documents.map((d) => d.documentName).sort()).toEqual(['garden.md', 'report.pdf']);
  });

  it('narrows by type, by collection and by document', async () => {
    const byType = await search({ query: 'repaired', mode: 'keyword', filters: { types: ['markdown'] } });
    expect(new Set(byType.passages.map((p) => p.documentName))).toEqual(new Set(['garden.md']));
    const byCollection = await search({ query: 'repaired', filters: { collections: ['Work'] } });
    expect(new Set(byCollection.passages.map((p) => p.documentName))).toEqual(new Set(['report.pdf']));
    const garden = byType.passages[0]!.documentId;
    const byDocument = await search({ query: 'winter', topK: 1, filters: { documentIds: [garden] } });
    expect(byDocument.passages).toHaveLength(1);
    expect(byDocument.passages[0]!.documentId).toBe(garden);
    const none = await search({ query: 'lantern', filters: { types: ['docx'] } });
    expect(none).toMatchObject({ passages: [], documents: [] });
  });

  it('answers a search in hybrid mode (the default) with the best passage first', async () => {
    const result = await search({ query: 'lighthouse keeper' });
    expect(result.mode).toBe('hybrid');
    expect(result.passages[0]).toMatchObject({ documentName: 'report.pdf', page: 2 });
    expect(marks(result)[0]).toEqual(['lighthouse', 'keeper']);
  });

  it("is the agent's search_documents tool too, with the same filters", async () => {
    const passages = await core.services.tools.execute('search_documents', { query: 'repaired', collection: 'Work' });
    expect(passages.length).toBeGreaterThan(0);
    expect(new Set(passages.map((p) => p.documentName))).toEqual(new Set(['report.pdf']));
    const viaContract = await search({ query: 'repaired', filters: { collections: ['Work'] }, topK: 6 });
    expect(passages.map((p) => p.chunkId)).toEqual(viaContract.passages.map((p) => p.chunkId));
  });

  it('refuses an empty query, a long one and an out-of-range topK as invalid input', async () => {
    for (const input of [{ query: '   ' }, { query: 'x'.repeat(501) }, { query: 'lantern', topK: 51 }]) {
      const result = await ws.api.library.search(input as never);
      expect(result, JSON.stringify(input).slice(0, 40)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});
