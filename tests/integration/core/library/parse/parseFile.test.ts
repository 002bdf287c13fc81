import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../../../../electron/core/library/parse/parseFile';
import { PDF_PAGES, writeCorpus } from '../../../../fixtures/corpus/writeCorpus';
import { tempDir } from '../../../../helpers/tempCore';

const MAX = 50 * 1024 * 1024;
let dir: Awaited<ReturnType<typeof tempDir>>;
let paths: Record<string, string>;

beforeAll(async () => {
  dir = await tempDir('hearth-parse-');
  paths = await writeCorpus(dir.path, { sparseBytes: 10 * 1024 ** 3 });
});
afterAll(() => dir.remove());

const parse = (role: string) => parseFile(paths[role]!, { maxBytes: MAX, timeoutMs: 20_000 });

describe('parseFile on good files', () => {
  it('reads a PDF page by page, with page numbers that survive chunking', async () => {
    const doc = await parse('pdf');
    expect(doc.type).toBe('pdf');
    expect(doc.title).toBe('Three Pages');
    expect(doc.sections).toEqual(PDF_PAGES.map((text, n) => ({ text, provenance: { page: n + 1 } })));
    const chunks = await chunkDocument(doc);
    expect(chunks.map((c) => c.provenance)).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
  });

  it('reads a DOCX with its heading paths', async () => {
    const doc = await parse('docx');
    expect(doc.type).toBe('docx');
    expect(doc.title).toBe('Quarterly Report');
    expect(doc.sections.map((s) => [s.text, s.provenance])).toEqual([
      [
        'Quarterly Report\nRevenue grew by twelve percent in the northern region.',
        { headingPath: ['Quarterly Report'], lineStart: 1, lineEnd: 2 },
      ],
      [
        'Risks\nSupply of copper remains the main risk.',
        { headingPath: ['Quarterly Report', 'Risks'], lineStart: 3, lineEnd: 4 },
      ],
    ]);
  });

  it('routes text kinds by extension once the content is text', async () => {
    expect((await parse('markdown')).sections[2]!.provenance).toEqual({
      headingPath: ['Hearth Guide', 'Install', 'On Intel Macs'],
      lineStart: 12,
      lineEnd: 14,
    });
    expect((await parse('html')).title).toBe('Field Notes');
    expect((await parse('csv')).sections).toHaveLength(2);
    expect((await parse('json')).sections).toHaveLength(2);
    expect(await parse('code')).toEqual({
      type: 'code',
      sections: [{ text: expect.stringContaining('return a + b;'), provenance: { lineStart: 1, lineEnd: 3 } }],
    });
  });

  it('decodes Latin-1 and invalid UTF-8, and reads names with unicode and newlines', async () => {
    expect((await parse('latin1')).sections[0]!.text).toContain('crème brûlée');
    expect((await parse('invalidUtf8')).sections[0]!.text).toMatch(/^valid start .* valid end$/s);
    expect((await parse('unicodeName')).sections[0]!.text).toContain('日本語');
  });

  it('follows a symlink to a regular file', async () => {
    const link = join(dir.path, 'link-to-guide.md');
    await symlink(paths.markdown!, link);
    expect((await parseFile(link, { maxBytes: MAX })).type).toBe('markdown');
  });
});

describe('parseFile on hostile files', () => {
  const cases: [string, string, RegExp][] = [
    ['corruptPdf', 'UNSUPPORTED_FILE', /^This PDF is damaged and cannot be read \(.+\)\.$/],
    ['encryptedPdf', 'UNSUPPORTED_FILE', /^This PDF is password-protected\.$/],
    ['zipBombDeclared', 'UNSUPPORTED_FILE', /expands to far more data than a real document/],
    ['zipBombLying', 'UNSUPPORTED_FILE', /expands to far more data than a real document/],
    ['empty', 'UNSUPPORTED_FILE', /^The file is empty\.$/],
    ['binaryTxt', 'UNSUPPORTED_FILE', /binary data, not text/],
    ['sparse', 'FILE_TOO_LARGE', /^This file is 10\.7 GB, over the 52\.4 MB limit\.$/],
  ];
  it.each(cases)('%s fails with %s and a clear message', async (role, code, message) => {
    const started = Date.now();
    await expect(parse(role)).rejects.toMatchObject({
      name: 'HearthError',
      code,
      message: expect.stringMatching(message),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a FIFO without blocking on it', async () => {
    const fifo = join(dir.path, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    await expect(parseFile(fifo, { maxBytes: MAX })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: expect.stringMatching(/not a regular file/),
    });
  });

  it('refuses a symlink to a device and reports a symlink loop', async () => {
    const dev = join(dir.path, 'zero.txt');
    await symlink('/dev/zero', dev);
    await expect(parseFile(dev, { maxBytes: MAX })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    const a = join(dir.path, 'loop-a');
    await symlink(join(dir.path, 'loop-b'), a);
    await symlink(a, join(dir.path, 'loop-b'));
    await expect(parseFile(a, { maxBytes: MAX })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: 'This is a link that loops back on itself.',
    });
  });

  it('reports a missing file and an unreadable one', async () => {
    await expect(parseFile(join(dir.path, 'gone.txt'), { maxBytes: MAX })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    if (process.getuid?.() === 0) return; // root reads everything
    const locked = join(dir.path, 'locked.txt');
    execFileSync('sh', ['-c', `echo secret > "${locked}" && chmod 000 "${locked}"`]);
    await expect(parseFile(locked, { maxBytes: MAX })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('honours cancellation before reading', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(parseFile(paths.pdf!, { maxBytes: MAX, signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('times out a parser that takes too long', async () => {
    await expect(parseFile(paths.pdf!, { maxBytes: MAX, timeoutMs: 1 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
