import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { hashApiKey, sameKeyHash } from '../../core/gateway/apiKeyHash';
import type { KeyCheck } from '../../core/gateway/ApiKeyStore';
import type { KeySource } from '../../core/gateway/GatewayKeys';
import type { ApiKeyInfo, ApiKeyLimits } from '../../shared/gatewaySchemas';
import { parseApiKeyFile, type FileKeyEntry } from './parseApiKeyFile';

/** Options for a watched key file. */
export interface ApiKeyFileOptions {
  /** The file (a mounted Docker or Kubernetes secret). */
  path: string;
  /** Limits of keys that name none. */
  defaults: ApiKeyLimits;
  /** How long a key removed from the file keeps working, ms (rotation by replacing the secret). Default 24 h. */
  graceMs?: number;
  /** How often the file is read again in case no change event came (network mounts, symlink swaps). Default 5 s. */
  pollMs?: number;
  logger: Logger;
  now?: () => number;
}

interface FileKey extends FileKeyEntry {
  id: string;
  addedAt: number;
  /** Set once the key left the file: it works until then. */
  expiresAt: number | null;
  lastUsedAt: number | null;
  useCount: number;
}

/**
 * Keys from a file given on the command line (`--api-keys-file`), read at start and again when it changes (a watch on
 * its folder, since secrets are replaced by swapping links, and a poll as a fallback). A key that leaves the file works
 * for the grace period, so rotating the secret does not cut off clients still holding the old key. A file that no
 * longer parses keeps the keys read before, with an error in the log.
 */
export class ApiKeyFile implements KeySource {
  readonly #keys = new Map<string, FileKey>();
  #text: string | undefined;
  #watcher: FSWatcher | undefined;
  #poll: NodeJS.Timeout | undefined;
  #reading: Promise<void> = Promise.resolve();

  private constructor(private readonly options: ApiKeyFileOptions) {}

  /** Reads the file (a missing or malformed file refuses to start: the operator meant to give keys) and watches it. */
  static async open(options: ApiKeyFileOptions): Promise<ApiKeyFile> {
    const file = new ApiKeyFile(options);
    file.#apply(await readFile(options.path, 'utf8'));
    file.#watch();
    return file;
  }

  verify(secret: string): KeyCheck | null {
    const hash = hashApiKey(secret);
    let found: FileKey | undefined;
    // Every entry is compared, so the time taken says nothing about which key came close.
    for (const key of this.#keys.values()) if (sameKeyHash(key.hash, hash)) found = key;
    if (!found) return null;
    if (found.expiresAt !== null && found.expiresAt <= this.#now()) return { ok: false, reason: 'expired' };
    found.useCount += 1;
    found.lastUsedAt = this.#now();
    const limits = { ...this.options.defaults, ...found.limits };
    return { ok: true, key: { id: found.id, name: found.name, scopes: found.scopes, limits } };
  }

  list(): ApiKeyInfo[] {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return [...this.#keys.values()].map((key) => ({
      id: key.id,
      name: key.name,
      prefix: `sha256:${key.hash.slice(0, 8)}…`,
      scopes: key.scopes,
      limits: { ...this.options.defaults, ...key.limits },
      source: 'file' as const,
      createdAt: new Date(key.addedAt).toISOString(),
      revokedAt: null,
      expiresAt: iso(key.expiresAt),
      lastUsedAt: iso(key.lastUsedAt),
      useCount: key.useCount,
    }));
  }

  /** Reads the file again now (what a change event or the poll does). */
  reload(): Promise<void> {
    const run = async () => {
      let text: string;
      try {
        text = await readFile(this.options.path, 'utf8');
      } catch (error) {
        // Mid-swap, or removed: keep the keys read before; a later read settles it.
        this.options.logger.warn({ err: error, path: this.options.path }, 'API key file unreadable; keys kept');
        return;
      }
      if (text === this.#text) return;
      try {
        this.#apply(text);
        this.options.logger.info({ path: this.options.path, keys: this.#keys.size }, 'API key file reloaded');
      } catch (error) {
        this.options.logger.error({ err: error, path: this.options.path }, 'API key file malformed; keys kept');
      }
    };
    this.#reading = this.#reading.then(run, run);
    return this.#reading;
  }

  dispose(): void {
    this.#watcher?.close();
    if (this.#poll) clearInterval(this.#poll);
  }

  #apply(text: string): void {
    const entries = parseApiKeyFile(text);
    this.#text = text;
    const now = this.#now();
    const present = new Set(entries.map((entry) => entry.hash));
    for (const key of this.#keys.values()) {
      if (!present.has(key.hash)) {
        key.expiresAt ??= now + (this.options.graceMs ?? 24 * 3600_000);
        if (key.expiresAt <= now) this.#keys.delete(key.hash);
      }
    }
    for (const entry of entries) {
      const known = this.#keys.get(entry.hash);
      if (known) Object.assign(known, entry, { expiresAt: null });
      else {
        const id = `file_${entry.hash.slice(0, 12)}`;
        this.#keys.set(entry.hash, { ...entry, id, addedAt: now, expiresAt: null, lastUsedAt: null, useCount: 0 });
      }
    }
  }

  #watch(): void {
    const reload = () => void this.reload();
    try {
      const name = basename(this.options.path);
      this.#watcher = watch(dirname(this.options.path), (_event, changed) => {
        // Kubernetes swaps a `..data` link; any change in the folder may be ours.
        if (changed === null || changed === name || changed.startsWith('..')) reload();
      });
      this.#watcher.on('error', () => this.#watcher?.close());
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cannot watch the API key file; polling it');
    }
    this.#poll = setInterval(reload, this.options.pollMs ?? 5_000);
    this.#poll.unref();
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
