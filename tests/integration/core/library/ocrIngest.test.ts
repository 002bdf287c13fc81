import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseOcr } from '../../../../electron/core/library/summariseOcr';
import type { BatchResult, IngestProgress } from '../../../../electron/shared/librarySchemas';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import { corruptPng, hugeBlankPng, manyPageImagePdf, scannedPdf, textImage } from '../../../fixtures/ocr/ocrFixtures';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let batch: BatchResult;
const events: IngestProgress[] = [];

const SCAN = ['Minutes of the harbour board meeting', 'The new pontoon opens in April'];

beforeAll(async () => {
  dir = await tempDir('hearth-ocr-ingest-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  // Two languages through the setting: the library's parse reads it for each file.
  await core.services.settings.update({ library: { ocrLanguages: ['eng', 'fra'] } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const files: Record<string, Buffer> = {
    'minutes.pdf': await scannedPdf([{ text: 'Agenda: moorings, pontoon, fees.' }, { png: await textImage(SCAN) }]),
    'whiteboard.png': await textImage(['Buy rope and two fenders']),
    'notes.md': Buffer.from('# Notes\n\nThe slipway is closed on Sundays.\n'),
    // Hostile files in the same batch: each ends with its own error, the rest is indexed.
    'huge.png': await hugeBlankPng(30_000, 30_000),
    'broken.png': await corruptPng(),
    'endless.pdf': manyPageImagePdf(20_000),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir.path, name), bytes);
  batch = await core.services.library.ingest(
    { paths: Object.keys(files).map((name) => join(dir.path, name)) },
    { onProgress: (e) => events.push(e) },
  );
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('scans and images through the library', () => {
  it('indexes the scans and images of a batch and gives each hostile file its own error', () => {
    const byName = new Map(batch.files.map((f) => [f.name, f]));
    for (const name of ['minutes.pdf', 'whiteboard.png', 'notes.md']) {
      expect(byName.get(name), name).toMatchObject({ stage: 'indexed' });
    }
    expect(byName.get('huge.png')?.error?.message).toMatch(/^This image is 30,000 × 30,000 pixels/);
    expect(byName.get('broken.png')?.error?.message).toBe('This image is damaged or in a form Hearth cannot decode.');
    expect(byName.get('endless.pdf')?.error?.message).toMatch(/^This PDF has 20,000 pages/);
  });

  it('keeps the page and the confidence of OCR passages, and the text layer of the other page', () => {
    const docs = core.services.libraryCatalog.listDocuments({ status: 'indexed' });
    const chunks = core.services.libraryCatalog.listChunks(docs.find((d) => d.name === 'minutes.pdf')!.id);
    expect(chunks.map((c) => c.provenance)).toEqual([{ page: 1 }, { page: 2, confidence: expect.any(Number) }]);
    expect(chunks[1]!.text).toContain('pontoon opens in April');
    expect(summariseOcr(chunks)).toEqual({ pages: 1, lowConfidencePages: [] });
    const image = docs.find((d) => d.name === 'whiteboard.png')!;
    expect(image.type).toBe('image');
    expect(core.services.libraryCatalog.listChunks(image.id)[0]!.text).toContain('fenders');
  });

  it('reports "page n of m" while a scan is recognised', () => {
    const pages = events.flatMap((e) => (e.kind === 'file' && e.ocr ? [[e.name, e.ocr] as const] : []));
    expect(pages).toEqual(
      expect.arrayContaining([
        ['minutes.pdf', { page: 1, pages: 1 }],
        ['whiteboard.png', { page: 1, pages: 1 }],
      ]),
    );
  });
});
