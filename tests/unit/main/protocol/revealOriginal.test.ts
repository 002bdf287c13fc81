import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyOriginal } from '../../../../electron/main/protocol/openOriginalFile';
import { revealOriginal } from '../../../../electron/main/protocol/revealOriginal';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-reveal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deps = (sourcePath: string | null, shown: string[]) => ({
  sourcePath: () => sourcePath,
  copy: (id: string) =>
    copyOriginal(id, {
      open: async () => ({ stream: Readable.from([Buffer.from('kept bytes')]), name: 'report.pdf', type: 'pdf' }),
      tempDir: join(dir, 'copies'),
    }),
  showItemInFolder: (path: string) => {
    shown.push(path);
  },
});

describe('revealOriginal', () => {
  it("shows the person's own file while it exists", async () => {
    const source = join(dir, 'report.pdf');
    await writeFile(source, 'on disk');
    const shown: string[] = [];
    expect(await revealOriginal('doc-1', deps(source, shown))).toEqual({ path: source, copy: false });
    expect(shown).toEqual([source]);
  });

  it('shows a copy of the kept original once the file was moved or deleted', async () => {
    const shown: string[] = [];
    const revealed = await revealOriginal('doc-1', deps(join(dir, 'gone.pdf'), shown));
    expect(revealed.copy).toBe(true);
    expect(revealed.path.startsWith(join(dir, 'copies'))).toBe(true);
    expect(revealed.path.endsWith('report.pdf')).toBe(true);
    expect(await readFile(revealed.path, 'utf8')).toBe('kept bytes');
    expect(shown).toEqual([revealed.path]);
  });

  it('shows a copy for an upload (no source path) and when the source path is now a folder', async () => {
    const shown: string[] = [];
    expect((await revealOriginal('doc-1', deps(null, shown))).copy).toBe(true);
    expect((await revealOriginal('doc-1', deps(dir, shown))).copy).toBe(true);
    expect(shown).toHaveLength(2);
  });

  it('shows nothing for a document that is gone', async () => {
    const shown: string[] = [];
    await expect(
      revealOriginal('doc-1', {
        ...deps(null, shown),
        sourcePath: () => {
          throw new Error('That document is no longer in the library.');
        },
      }),
    ).rejects.toThrow(/no longer/);
    expect(shown).toEqual([]);
  });
});
