import type { FileHandle } from 'node:fs/promises';
import { HearthError } from '../../shared/errors';

/** Fills `target` from `position`; a file that shrank meanwhile is a CONFLICT, not a short object. */
export async function readExactly(file: FileHandle, target: Buffer, position: number, what: string): Promise<void> {
  let filled = 0;
  while (filled < target.length) {
    const { bytesRead } = await file.read(target, filled, target.length - filled, position + filled);
    if (bytesRead === 0) {
      throw new HearthError('CONFLICT', `Could not ${what}: the file changed while it was being read.`);
    }
    filled += bytesRead;
  }
}
