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

/** A cap on what one uploader (a browser session) may hold in staging at once: in flight and stored, not yet used. */
export interface StagingQuota {
  /** Who is uploading: any stable key (the server uses its session). Kept in memory only. */
  owner: string;
  /** Most bytes that owner may hold here at once. */
  maxBytes: number;
}

const GB = 1024 ** 3;
const formatGB = (bytes: number) => `${(bytes / GB).toFixed(bytes < 10 * GB ? 1 : 0)} GB`;

/**
 * Bytes uploaded through the headless shell land here and are referenced by an opaque handle that
 * contract calls accept where they take a path (ingestion, model import).
 */
export class StagingArea {
  readonly #inFlight = new InFlight('Uploads');
  /** Uploads by id: their owner ('' without a quota) and bytes so far. Gone from disk means gone from here (held). */
  readonly #owned = new Map<string, { owner: string; bytes: number; receiving: boolean }>();

  constructor(private readonly options: StagingAreaOptions) {}

  /**
   * Stores an upload under a new handle; an upload cut off by dispose leaves nothing behind. With a quota, the bytes
   * its owner already holds here count too: going over fails with RATE_LIMITED (FILE_TOO_LARGE is one file's limit).
   */
  receive(name: string, body: Readable, maxBytes: number, quota?: StagingQuota): Promise<StagedFile> {
    return this.#inFlight.run((signal) => this.#receive(name, body, maxBytes, signal, quota));
  }

  /** Bytes an owner holds here now: uploads under way and stored ones nobody has used or discarded yet. */
  async held(owner: string): Promise<number> {
    let total = 0;
    for (const [id, entry] of this.#owned) {
      if (entry.owner !== owner) continue;
      const exists =
        entry.receiving ||
        (await stat(join(this.options.dir, id)).then(
          () => true,
          () => false,
        ));
      if (exists) total += entry.bytes;
      else this.#owned.delete(id);
    }
    return total;
  }

  /** Stops uploads under way (their partial files are removed) and refuses new ones. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  async #receive(
    name: string,
    body: Readable,
    maxBytes: number,
    signal: AbortSignal,
    quota: StagingQuota | undefined,
  ): Promise<StagedFile> {
    const id = randomUUID();
    const dir = join(this.options.dir, id);
    // held() forgets what was used meanwhile; from then on, uploads of one owner running side by side see each
    // other's bytes as they arrive.
    if (quota) await this.held(quota.owner);
    const entry = { owner: quota?.owner ?? '', bytes: 0, receiving: true };
    this.#owned.set(id, entry);
    const others = () => (quota ? this.#sumOwned(quota.owner) - entry.bytes : 0);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        entry.bytes = size;
        if (size > maxBytes) {
          done(new HearthError('FILE_TOO_LARGE', `The upload is larger than ${Math.round(maxBytes / 1048576)} MB.`));
          return;
        }
        if (quota && others() + size > quota.maxBytes) {
          done(
            new HearthError(
              'RATE_LIMITED',
              `This browser already has ${formatGB(others())} of uploads waiting in Hearth, and ` +
                `this one would take it over ${formatGB(quota.maxBytes)}. Let those imports finish or cancel them, ` +
                'then upload again.',
            ),
          );
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(join(dir, 'data'), { mode: 0o600 }), { signal });
    } catch (error) {
      this.#owned.delete(id);
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    entry.receiving = false;
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
    this.#owned.delete(handle.slice(4));
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
    const entries = await readdir(this.options.dir);
    // Uploads adopted meanwhile (moved or removed by their user) leave no folder: forget them.
    for (const [id, owned] of this.#owned) if (!owned.receiving && !entries.includes(id)) this.#owned.delete(id);
    for (const entry of entries) {
      // A long upload still arriving is not abandoned, however old its folder.
      if (this.#owned.get(entry)?.receiving) continue;
      const info = await stat(join(this.options.dir, entry)).catch(() => null);
      if (info && this.#now() - info.mtimeMs > maxAgeMs) {
        await rm(join(this.options.dir, entry), { recursive: true, force: true });
        this.#owned.delete(entry);
        removed++;
      }
    }
    return removed;
  }

  #sumOwned(owner: string): number {
    let total = 0;
    for (const entry of this.#owned.values()) if (entry.owner === owner) total += entry.bytes;
    return total;
  }

  #dir(handle: string): string {
    const parsed = StagingHandleSchema.parse(handle);
    return join(this.options.dir, parsed.slice(4));
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
