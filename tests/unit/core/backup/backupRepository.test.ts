import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupRepository, piecePath } from '../../../../electron/core/backup/BackupRepository';
import { cutPieces } from '../../../../electron/core/backup/cutPieces';
import { FolderTarget } from '../../../../electron/core/backup/FolderTarget';
import type { BackupSummary } from '../../../../electron/shared/backupSchemas';
import { tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-backup-unit-');
});
afterEach(async () => {
  await dir.remove();
});

async function pieces(data: Buffer, average = 16 * 1024): Promise<Buffer[]> {
  const out: Buffer[] = [];
  async function* source(): AsyncGenerator<Buffer> {
    // In uneven reads, as a file stream gives them: cuts must not depend on where reads end.
    for (let i = 0; i < data.length; i += 7_777) yield data.subarray(i, i + 7_777);
  }
  for await (const piece of cutPieces(source(), average)) out.push(piece);
  return out;
}

function summary(id: string, createdAt: number): BackupSummary {
  return {
    id,
    createdAt,
    appVersion: 'test',
    totalBytes: 0,
    uploadedBytes: 0,
    counts: { documents: 0, versions: 0, conversations: 0, originals: 0, indexes: 0, vectors: 0, models: 0 },
  };
}

describe('cutPieces', () => {
  it('cuts by content: an insertion changes only the pieces around it', async () => {
    const data = randomBytes(600_000);
    const edited = Buffer.concat([data.subarray(0, 300_000), Buffer.from('a new paragraph'), data.subarray(300_000)]);
    const before = await pieces(data);
    const after = await pieces(edited);
    expect(Buffer.concat(before).equals(data)).toBe(true);
    expect(before.every((p, i) => p.length <= 64 * 1024 && (p.length >= 4 * 1024 || i === before.length - 1))).toBe(
      true,
    );
    const known = new Set(before.map((p) => p.toString('base64')));
    const changed = after.filter((p) => !known.has(p.toString('base64')));
    expect(before.length).toBeGreaterThan(10);
    expect(changed.length).toBeLessThanOrEqual(2);
  });
});

describe('BackupRepository in a folder', () => {
  it('refuses a wrong passphrase before reading anything else', async () => {
    const target = new FolderTarget(dir.path);
    await BackupRepository.open(target, 'the right passphrase', true);
    await expect(BackupRepository.open(target, 'a wrong passphrase', false)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { backup: 'wrong-key' },
    });
    await expect(BackupRepository.open(new FolderTarget(join(dir.path, 'none')), 'x', false)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds a changed piece and a changed manifest summary', async () => {
    const repo = await BackupRepository.open(new FolderTarget(dir.path), 'the right passphrase', true);
    const plain = Buffer.from('some library bytes');
    const address = repo.address(plain);
    const stored = await repo.putPiece(address, plain);
    expect((await repo.getPiece(address, stored)).equals(plain)).toBe(true);

    const file = join(dir.path, 'hearth-backup', ...piecePath(address).split('/'));
    const sealed = await readFile(file);
    sealed[20] = (sealed[20] as number) ^ 1;
    await writeFile(file, sealed);
    await expect(repo.getPiece(address, stored)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { backup: 'corrupt' },
    });

    await repo.writeManifest(summary('2026-12-05-aaaaaa', 1), { entries: [], pieces: {} });
    const manifest = join(dir.path, 'hearth-backup', 'snapshots', '2026-12-05-aaaaaa.json');
    const text = await readFile(manifest, 'utf8');
    await writeFile(manifest, text.replace('"totalBytes":0', '"totalBytes":1'));
    await expect(repo.readManifest('2026-12-05-aaaaaa')).rejects.toMatchObject({ details: { backup: 'corrupt' } });
  });

  it('keeps the newest N backups and removes pieces only they used', async () => {
    const repo = await BackupRepository.open(new FolderTarget(dir.path), 'the right passphrase', true);
    const put = async (text: string) => {
      const plain = Buffer.from(text);
      const address = repo.address(plain);
      return { address, info: await repo.putPiece(address, plain) };
    };
    const shared = await put('shared piece');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const own = await put(`piece of backup ${i}`);
      const id = `2026-12-05-backup${i}`;
      ids.push(id);
      await repo.writeManifest(summary(id, 1000 + i), {
        entries: [],
        pieces: { [shared.address]: shared.info, [own.address]: own.info },
      });
    }
    expect(await repo.prune(2)).toEqual([ids[1], ids[0]]);
    expect((await repo.list()).map((s) => s.id)).toEqual([ids[3], ids[2]]);
    const left = await repo.storedPieces();
    expect(left.size).toBe(3);
    expect(left.has(shared.address)).toBe(true);
    expect(left.has(repo.address(Buffer.from('piece of backup 0')))).toBe(false);
  });
});
