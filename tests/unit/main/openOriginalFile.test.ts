import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyName, openOriginalFile, safeFileName } from '../../../electron/main/protocol/openOriginalFile';

describe('openOriginalFile', () => {
  it('writes a private copy under a safe name and opens it with the default app', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-open-'));
    try {
      const opened: string[] = [];
      const path = await openOriginalFile('doc-1', {
        open: async () => ({
          stream: Readable.from([Buffer.from('%PDF-1.7 …')]),
          name: '../../etc/report:v2.pdf',
          type: 'pdf',
        }),
        tempDir: dir,
        openPath: async (p) => {
          opened.push(p);
          return '';
        },
      });
      expect(opened).toEqual([path]);
      expect(path.startsWith(dir)).toBe(true);
      expect(path.endsWith('_etc_report_v2.pdf')).toBe(true);
      expect(await readFile(path, 'utf8')).toBe('%PDF-1.7 …');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports what the OS said when no app could open it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-open-'));
    try {
      await expect(
        openOriginalFile('doc-1', {
          open: async () => ({ stream: Readable.from(['x']), name: 'a.xyz', type: 'text' }),
          tempDir: dir,
          openPath: async () => 'No application knows how to open it',
        }),
      ).rejects.toThrow(/No application/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a copy by its sniffed type, so a text file called like a program never runs', () => {
    expect(copyName('report.pdf', 'pdf')).toBe('report.pdf');
    expect(copyName('Report.PDF', 'pdf')).toBe('Report.PDF');
    expect(copyName('notes.md', 'markdown')).toBe('notes.md');
    expect(copyName('invoice.bat', 'text')).toBe('invoice.bat.txt');
    expect(copyName('setup.command', 'code')).toBe('setup.command.txt');
    expect(copyName('main.py', 'code')).toBe('main.py.txt');
    expect(copyName('page.html', 'html')).toBe('page.html.txt');
    expect(copyName('trick.pdf', 'text')).toBe('trick.pdf.txt');
  });

  it('keeps names usable', () => {
    expect(safeFileName('...')).toBe('original');
    expect(safeFileName('notes\nday 1.md')).toBe('notes_day 1.md');
  });
});
