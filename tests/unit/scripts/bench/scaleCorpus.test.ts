import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../../../electron/core/library/parse/parseFile';
import { generateScaleCorpus, scaleVocabulary, type ScaleDoc } from '../../../../scripts/bench/scale/scaleCorpus';

let work: string;
let first: ScaleDoc[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hearth-scale-corpus-'));
  first = await generateScaleCorpus(join(work, 'a'), { documents: 30, seed: 42 });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('scaleVocabulary', () => {
  it('holds the fixture words and the asked number of unique made-up ones, the same on every call', () => {
    const words = scaleVocabulary(500);
    expect(new Set(words).size).toBe(words.length);
    expect(words).toContain('the');
    expect(words.every((w) => /^[a-z]+$/.test(w))).toBe(true);
    expect(scaleVocabulary(500)).toEqual(words);
    expect(scaleVocabulary(1000).length - words.length).toBe(500);
  });
});

describe('generateScaleCorpus', () => {
  it('writes the same bytes for the same seed, and other bytes for another', async () => {
    const again = await generateScaleCorpus(join(work, 'b'), { documents: 30, seed: 42 });
    expect(again).toEqual(first);
    for (const doc of first) {
      expect(await readFile(join(work, 'b', doc.name))).toEqual(await readFile(join(work, 'a', doc.name)));
    }
    const other = await generateScaleCorpus(join(work, 'c'), { documents: 3, seed: 43 });
    expect(await readFile(join(work, 'c', other[0]!.name), 'utf8')).not.toBe(
      await readFile(join(work, 'a', first[0]!.name), 'utf8'),
    );
  });

  it('mixes Markdown, HTML and text, with 8–12 passages a file (10 on average)', () => {
    expect(new Set(first.map((d) => d.kind))).toEqual(new Set(['markdown', 'html', 'text']));
    expect(first.every((d) => d.passages >= 8 && d.passages <= 12)).toBe(true);
    const mean = first.reduce((n, d) => n + d.passages, 0) / first.length;
    expect(mean).toBeGreaterThan(9);
    expect(mean).toBeLessThan(11);
  });

  it('makes exactly the passages it promises through the library parser and chunker (384-token chunks)', async () => {
    for (const doc of first) {
      const parsed = await parseFile(join(work, 'a', doc.name), { maxBytes: 1e8 });
      const chunks = await chunkDocument(parsed, { chunkTokens: 384, overlapTokens: 48 });
      expect(chunks.length, doc.name).toBe(doc.passages);
    }
  });
});
