import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { cancelled } from './backupErrors';
import type { BackupTarget, StoredFile } from './BackupTarget';

/** A backup repository in a folder (an external disk, a network share): `<folder>/hearth-backup/…`. */
export class FolderTarget implements BackupTarget {
  readonly label: string;
  readonly #root: string;

  constructor(folder: string) {
    this.#root = join(folder, 'hearth-backup');
    this.label = this.#root;
  }

  async list(prefix: string): Promise<StoredFile[]> {
    const files: StoredFile[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && !entry.name.endsWith('.partial')) {
          const name = relative(this.#root, path).split(sep).join('/');
          if (name.startsWith(prefix)) files.push({ name, size: (await stat(path)).size });
        }
      }
    };
    // Walk only the top folder of the prefix: `pieces/` holds many files, `snapshots/` few.
    const top = prefix.split('/')[0] ?? '';
    await walk(join(this.#root, top));
    return files;
  }

  async read(name: string): Promise<Buffer | null> {
    return readFile(this.#path(name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }

  async write(name: string, data: Buffer, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw cancelled();
    const path = this.#path(name);
    await mkdir(dirname(path), { recursive: true });
    // Written aside and renamed, so a cut-off write never leaves a short file under the real name.
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, data, { flush: true });
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.#path(name), { force: true });
  }

  async dispose(): Promise<void> {}

  #path(name: string): string {
    if (name.split('/').some((part) => part === '..' || part === '')) throw new Error(`Bad backup file name ${name}`);
    return join(this.#root, ...name.split('/'));
  }
}
