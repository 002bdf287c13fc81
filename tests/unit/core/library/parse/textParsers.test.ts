import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../../electron/core/library/parse/decodeText';
import { parseCsv } from '../../../../../electron/core/library/parse/parseCsv';
import { parseHtml } from '../../../../../electron/core/library/parse/parseHtml';
import { parseJson } from '../../../../../electron/core/library/parse/parseJson';
import { parseMarkdown } from '../../../../../electron/core/library/parse/parseMarkdown';
import { parseText } from '../../../../../electron/core/library/parse/parseText';
import { sniffType } from '../../../../../electron/core/library/parse/sniffType';
import { checkZipBounds } from '../../../../../electron/core/library/parse/checkZipBounds';
import { writeZip } from '../../../../fixtures/corpus/zipWriter';
import {
  binaryBytes,
  CSV,
  HTML,
  invalidUtf8,
  JSON_DOC,
  latin1Text,
  MARKDOWN,
} from '../../../../fixtures/corpus/corpusFiles';

describe('sniffType', () => {
  it('decides by content, using the extension only for text kinds', () => {
    expect(sniffType(Buffer.from('%PDF-1.7 ...'), 'notes.txt')).toBe('pdf');
    expect(sniffType(Buffer.from('# hi'), 'a.md')).toBe('markdown');
    expect(sniffType(Buffer.from('<p>hi</p>'), 'a.HTM')).toBe('html');
    expect(sniffType(Buffer.from('a,b'), 'a.csv')).toBe('csv');
    expect(sniffType(Buffer.from('{}'), 'a.json')).toBe('json');
    expect(sniffType(Buffer.from('fn main() {}'), 'main.rs')).toBe('code');
    expect(sniffType(Buffer.from('all: build'), 'Makefile')).toBe('code');
    expect(sniffType(Buffer.from('hello'), 'README')).toBe('text');
  });

  it('rejects binary content named .txt, and says what known formats are', () => {
    expect(() => sniffType(binaryBytes(), 'notes.txt')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/binary data/) }),
    );
    expect(() => sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]), 'x.txt')).toThrow(/PNG image/);
    expect(() => sniffType(Buffer.from('PK\x03\x04 plain zip'), 'x.docx')).toThrow(/ZIP archive/);
  });

  it('treats UTF-16 with a BOM as text despite its NUL bytes', () => {
    expect(sniffType(Buffer.from('\ufeffhello', 'utf16le'), 'a.txt')).toBe('text');
  });
});

describe('decodeText', () => {
  it('decodes Latin-1 text by detection', () => {
    const { text } = decodeText(latin1Text());
    expect(text).toContain('Le café était fermé');
    expect(text).not.toContain('\uFFFD');
  });

  it('never throws on invalid UTF-8 and keeps the valid parts', () => {
    const { text } = decodeText(invalidUtf8());
    expect(text).toContain('valid start');
    expect(text).toContain('valid end');
  });

  it('honours BOMs', () => {
    expect(decodeText(Buffer.from('\ufeffhé', 'utf16le')).text).toBe('hé');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hé')])).text).toBe('hé');
  });
});

describe('parseMarkdown', () => {
  it('gives each section its heading path and source lines, ignoring # inside code fences', () => {
    const doc = parseMarkdown(MARKDOWN);
    expect(doc.title).toBe('Hearth Guide');
    expect(doc.sections.map((s) => s.provenance)).toEqual([
      { headingPath: ['Hearth Guide'], lineStart: 1, lineEnd: 4 },
      { headingPath: ['Hearth Guide', 'Install'], lineStart: 5, lineEnd: 11 },
      { headingPath: ['Hearth Guide', 'Install', 'On Intel Macs'], lineStart: 12, lineEnd: 14 },
      { headingPath: ['Hearth Guide', 'Use'], lineStart: 15, lineEnd: 16 },
    ]);
    expect(doc.sections[1]!.text).toContain('# not a heading');
  });

  it('understands setext headings', () => {
    const doc = parseMarkdown('Title\n=====\n\nbody\n\nPart\n----\nmore');
    expect(doc.title).toBe('Title');
    expect(doc.sections.map((s) => s.provenance)).toEqual([
      { headingPath: ['Title'], lineStart: 1, lineEnd: 5 },
      { headingPath: ['Title', 'Part'], lineStart: 6, lineEnd: 8 },
    ]);
  });
});

describe('parseHtml', () => {
  it('keeps visible text only, with heading paths and source lines', () => {
    const doc = parseHtml(HTML);
    expect(doc.title).toBe('Field Notes');
    const all = doc.sections.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/evil|color: red|hidden comment|<b>/);
    expect(doc.sections).toEqual([
      { text: 'Birds\nRobins & wrens sing at dawn.', provenance: { headingPath: ['Birds'], lineStart: 5, lineEnd: 6 } },
      { text: 'Owls\nOwls hunt at night.', provenance: { headingPath: ['Birds', 'Owls'], lineStart: 7, lineEnd: 8 } },
    ]);
  });

  it('survives hostile markup: unclosed tags, quotes containing >, stray <, bad entities', () => {
    const doc = parseHtml('<p title="a>b">1 < 2 &#xFFFFFFF; &bogus; <script>never closed');
    expect(doc.sections[0]!.text).toBe('1 < 2 \uFFFD &bogus;');
  });
});

describe('parseText', () => {
  it('covers the whole file with its line range', () => {
    expect(parseText('a\r\nb\nc', 'code').sections).toEqual([
      { text: 'a\nb\nc', provenance: { lineStart: 1, lineEnd: 3 } },
    ]);
    expect(parseText(' \n ', 'text').sections).toEqual([]);
  });
});

describe('parseCsv', () => {
  it('turns rows into labelled text with source lines, including quoted multi-line fields', () => {
    expect(parseCsv(CSV).sections).toEqual([
      { text: 'name: Ada; city: London; notes: wrote the first\nprogram', provenance: { lineStart: 2, lineEnd: 3 } },
      { text: 'name: Grace; city: Arlington; notes: compilers', provenance: { lineStart: 4, lineEnd: 4 } },
    ]);
  });

  it('guesses tab and semicolon delimiters', () => {
    expect(parseCsv('a\tb\n1\t2').sections[0]!.text).toBe('a: 1; b: 2');
    expect(parseCsv('a;b\n1;2').sections[0]!.text).toBe('a: 1; b: 2');
  });
});

describe('parseJson', () => {
  it('flattens each top-level record with its source lines', () => {
    const doc = parseJson(JSON_DOC);
    expect(doc.sections).toHaveLength(2);
    expect(doc.sections[0]).toEqual({
      text: 'id: 1\ntitle: Alpha\ntags[0]: a\ntags[1]: b',
      provenance: { lineStart: 2, lineEnd: 9 },
    });
    expect(doc.sections[1]!.text).toContain('nested.deep.value: 42');
    expect(doc.sections[1]!.provenance).toEqual({ lineStart: 10, lineEnd: 18 });
  });

  it('keys object members by name, in source order', () => {
    const doc = parseJson('{\n  "2": "two",\n  "1": {"x": true}\n}');
    expect(doc.sections.map((s) => [s.text, s.provenance])).toEqual([
      ['2: two', { lineStart: 2, lineEnd: 2 }],
      ['1.x: true', { lineStart: 3, lineEnd: 3 }],
    ]);
  });

  it('reads JSON Lines', () => {
    expect(parseJson('{"a":1}\n\n{"a":2}\n').sections.map((s) => s.provenance)).toEqual([
      { lineStart: 1, lineEnd: 1 },
      { lineStart: 3, lineEnd: 3 },
    ]);
  });

  it('bounds very deep nesting and falls back to text for invalid JSON', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const doc = parseJson(deep, { maxDepth: 8 });
    expect(doc.sections[0]!.text.length).toBeLessThan(100);
    expect(parseJson('{"a": oops').sections[0]!.text).toBe('{"a": oops');
  });
});

describe('checkZipBounds', () => {
  it('rejects archives with too many entries before inflating anything', () => {
    const entries = Array.from({ length: 20 }, (_, k) => ({ name: `word/f${k}.xml`, data: Buffer.from('x') }));
    expect(() => checkZipBounds(writeZip(entries), { maxEntries: 10, maxInflatedBytes: 1e6 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FILE', message: expect.stringMatching(/expands to far more/) }),
    );
  });

  it('caps the real inflated total even when each declared size is honest', () => {
    const entries = [1, 2, 3].map((k) => ({ name: `word/f${k}.xml`, data: Buffer.alloc(400_000) }));
    expect(() => checkZipBounds(writeZip(entries), { maxEntries: 10, maxInflatedBytes: 1_000_000 })).toThrow(
      /expands to far more/,
    );
    expect(() =>
      checkZipBounds(writeZip(entries.slice(0, 2)), { maxEntries: 10, maxInflatedBytes: 1_000_000 }),
    ).not.toThrow();
  });

  it('calls a truncated archive damaged', () => {
    expect(() => checkZipBounds(writeZip([{ name: 'a', data: Buffer.alloc(10) }]).subarray(0, 20))).toThrow(/damaged/);
  });
});
