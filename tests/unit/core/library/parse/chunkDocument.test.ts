import { describe, expect, it } from 'vitest';
import { approximateTokens, chunkDocument } from '../../../../../electron/core/library/parse/chunkDocument';
import type { ParsedDocument } from '../../../../../electron/core/library/parse/ParsedDocument';

/** One token per whitespace-separated word: exact, so budgets can be checked precisely. */
const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function numberedLines(n: number): string {
  return Array.from({ length: n }, (_, k) => `line${k + 1} alpha beta gamma delta`).join('\n');
}

describe('chunkDocument', () => {
  it('keeps every chunk within the token budget and overlaps neighbours', async () => {
    const doc: ParsedDocument = {
      type: 'text',
      sections: [{ text: numberedLines(200), provenance: { lineStart: 1, lineEnd: 200 } }],
    };
    const chunks = await chunkDocument(doc, { chunkTokens: 50, overlapTokens: 10, countTokens: countWords });
    expect(chunks.length).toBeGreaterThan(15);
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(50);
    for (let k = 1; k < chunks.length; k++) {
      const prev = chunks[k - 1]!.text.split('\n');
      // The next chunk begins inside the previous one: that repeated text is the overlap.
      expect(prev).toContain(chunks[k]!.text.split('\n')[0]);
      expect(chunks[k]!.text).toContain(prev[prev.length - 1]);
    }
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, k) => k));
  });

  it('maps each chunk to the source lines it came from', async () => {
    const doc: ParsedDocument = {
      type: 'code',
      sections: [{ text: numberedLines(100), provenance: { lineStart: 1, lineEnd: 100 } }],
    };
    const chunks = await chunkDocument(doc, { chunkTokens: 30, overlapTokens: 6, countTokens: countWords });
    for (const c of chunks) {
      const p = c.provenance as { lineStart: number; lineEnd: number };
      const lines = c.text.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^line${p.lineStart} `));
      expect(lines[lines.length - 1]).toMatch(new RegExp(`^line${p.lineEnd} `));
    }
    expect((chunks[chunks.length - 1]!.provenance as { lineEnd: number }).lineEnd).toBe(100);
  });

  it('never crosses a PDF page and keeps the page number', async () => {
    const doc: ParsedDocument = {
      type: 'pdf',
      sections: [
        { text: 'short page one', provenance: { page: 1 } },
        { text: numberedLines(40).replace(/\n/g, ' '), provenance: { page: 2 } },
      ],
    };
    const chunks = await chunkDocument(doc, { chunkTokens: 40, overlapTokens: 5, countTokens: countWords });
    expect(chunks[0]).toMatchObject({ text: 'short page one', provenance: { page: 1 } });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.slice(1).every((c) => (c.provenance as { page: number }).page === 2)).toBe(true);
  });

  it('keeps the heading path and narrows the line range within a long Markdown section', async () => {
    const doc: ParsedDocument = {
      type: 'markdown',
      sections: [
        {
          text: `Setup\n${numberedLines(60)}`,
          provenance: { headingPath: ['Guide', 'Setup'], lineStart: 10, lineEnd: 70 },
        },
      ],
    };
    const chunks = await chunkDocument(doc, { chunkTokens: 40, overlapTokens: 0, countTokens: countWords });
    expect(
      chunks.every(
        (c) => JSON.stringify((c.provenance as { headingPath: string[] }).headingPath) === '["Guide","Setup"]',
      ),
    ).toBe(true);
    expect(chunks[0]!.provenance).toMatchObject({ lineStart: 10 });
    expect(chunks[1]!.provenance).toMatchObject({ lineStart: 10 + Number(/^line(\d+)/.exec(chunks[1]!.text)![1]) });
  });

  it('packs small rows together with overlap, and their line ranges', async () => {
    const sections = Array.from({ length: 30 }, (_, k) => ({
      text: `row ${k + 1} has five words`.slice(0),
      provenance: { lineStart: k + 2, lineEnd: k + 2 },
    }));
    const chunks = await chunkDocument(
      { type: 'csv', sections },
      { chunkTokens: 25, overlapTokens: 6, countTokens: countWords },
    );
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.length).toBeLessThan(30);
    expect(chunks[0]!.provenance).toEqual({ lineStart: 2, lineEnd: 5 });
    expect(chunks[1]!.provenance).toMatchObject({ lineStart: 5 }); // row 4 repeated as overlap
    expect(chunks[chunks.length - 1]!.provenance).toMatchObject({ lineEnd: 31 });
    for (const c of chunks) expect(c.tokens).toBeLessThanOrEqual(25);
  });

  it('uses an approximate token count by default', async () => {
    expect(approximateTokens('hello, world')).toBe(5);
    const doc: ParsedDocument = {
      type: 'text',
      sections: [{ text: numberedLines(2000), provenance: { lineStart: 1, lineEnd: 2000 } }],
    };
    const chunks = await chunkDocument(doc);
    for (const c of chunks) expect(approximateTokens(c.text)).toBeLessThanOrEqual(512);
  });
});
