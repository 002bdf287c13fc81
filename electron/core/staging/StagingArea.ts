import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HearthError } from '../../shared/errors';
import type { StagedFile } from '../../shared/schemas';
import { StagingHandleSchema } from '../../shared/schemas';
import { InFlight } from '../lifecycle/InFlight';

/** Options for the staging area. */
export interface StagingAreaOptions {
  /** `<data>/staging`. */
  dir: string;
  /** Clock, for tests. */
  now?: () => number;
}

/** Keeps only characters that are safe in a file name on every OS; the original name is kept in meta. */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).normalize('NFC');
  // Control characters (newlines included) never belong in a stored file name.
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'upload';
}

/**
 * Bytes uploaded through the headless shell land here and are referenced by an opaque handle that
 * contract calls accept where they take a path (ingestion, model import).
 */
export class StagingArea {
  readonly #inFlight = new InFlight('Uploads');

  constructor(private readonly options: StagingAreaOptions) {}

  /** Stores an upload under a new handle; an upload cut off by dispose leaves nothing behind. */
  receive(name: string, body: Readable, maxBytes: number): Promise<StagedFile> {
    return this.#inFlight.run((signal) => this.#receive(name, body, maxBytes, signal));
  }

  /** Stops uploads under way (their partial files are removed) and refuses new ones. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  async #receive(name: string, body: Readable, maxBytes: number, signal: AbortSignal): Promise<StagedFile> {
    const id = randomUUID();
    const dir = join(this.options.dir, id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(new HearthError('FILE_TOO_LARGE', `The upload is larger than ${Math.round(maxBytes / 1048576)} MB.`));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(join(dir, 'data'), { mode: 0o600 }), { signal });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const staged: StagedFile = {
      handle: `stg_${id}`,
      name: safeFileName(name),
      size,
      sha256: hash.digest('hex'),
      createdAt: this.#now(),
    };
    await writeFile(join(dir, 'meta.json'), JSON.stringify(staged), { mode: 0o600 });
    return staged;
  }

  /** The staged file's metadata and the path of its bytes. */
  async resolve(handle: string): Promise<StagedFile & { path: string }> {
    const dir = this.#dir(handle);
    try {
      const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as StagedFile;
      return { ...meta, path: join(dir, 'data') };
    } catch {
      throw new HearthError('NOT_FOUND', 'That upload is no longer available. Upload the file again.');
    }
  }

  async discard(handle: string): Promise<boolean> {
    const dir = this.#dir(handle);
    const existed = await stat(dir).then(
      () => true,
      () => false,
    );
    await rm(dir, { recursive: true, force: true });
    return existed;
  }

  /** Removes uploads older than `maxAgeMs` (left over from a crash or never used). */
  async sweep(maxAgeMs: number): Promise<number> {
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    let removed = 0;
    for (const entry of await readdir(this.options.dir)) {
      const info = await stat(join(this.options.dir, entry)).catch(() => null);
      if (info && this.#now() - info.mtimeMs > maxAgeMs) {
        await rm(join(this.options.dir, entry), { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  #dir(handle: string): string {
    const parsed = StagingHandleSchema.parse(handle);
    return join(this.options.dir, parsed.slice(4));
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
