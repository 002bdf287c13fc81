import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { HearthError } from '../../shared/errors';
import {
  ApiKeyLimitsSchema,
  GatewayScopeSchema,
  type ApiKeyInfo,
  type ApiKeyLimits,
  type GatewayScope,
} from '../../shared/gatewaySchemas';
import { hashApiKey, keyIdOf, newApiKey, sameKeyHash } from './apiKeyHash';
import { BatchedFlush } from './BatchedFlush';

const StoredKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  scopes: z.array(GatewayScopeSchema),
  limits: ApiKeyLimitsSchema.partial().default({}),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.int().min(0),
});
type StoredKey = z.infer<typeof StoredKeySchema>;
const FileSchema = z.object({ version: z.literal(1), keys: z.array(StoredKeySchema) });

/** Options for the key store. */
export interface ApiKeyStoreOptions {
  /** The JSON file holding the keys' hashes (0600). */
  file: string;
  /** Limits of keys created without their own. */
  defaults: ApiKeyLimits;
  /** How often use counts and last-used times are written, ms. Default 5 s. */
  flushMs?: number;
  /** Hears a failed batched write of use counts (the next use tries again). */
  onError?: (error: unknown) => void;
  now?: () => number;
}

/** A key that passed verification. */
export interface VerifiedKey {
  id: string;
  name: string;
  scopes: GatewayScope[];
  limits: ApiKeyLimits;
}

/** Why a key was refused: never tells a caller more than "unknown" vs "no longer valid". */
export type KeyCheck = { ok: true; key: VerifiedKey } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

export const DAY_MS = 24 * 3600_000;

/**
 * Gateway API keys made in the app: only SHA-256 hashes are stored (the raw key is returned once, by `create` and
 * `rotate`), each key names its record id so a check compares against one hash in constant time. Use counts are kept
 * in memory and written in batches, so a busy key does not write the file on every request.
 */
export class ApiKeyStore {
  #keys = new Map<string, StoredKey>();
  #writes: Promise<unknown> = Promise.resolve();
  readonly #usage: BatchedFlush;

  private constructor(private readonly options: ApiKeyStoreOptions) {
    this.#usage = new BatchedFlush({
      flushMs: options.flushMs ?? 5_000,
      flush: () => this.#save(),
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** Reads the file (absent: no keys). A file that does not parse is refused rather than overwritten. */
  static async open(options: ApiKeyStoreOptions): Promise<ApiKeyStore> {
    const store = new ApiKeyStore(options);
    let text: string | undefined;
    try {
      text = await readFile(options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`The API key file ${options.file} is not readable by this Hearth.`);
      for (const key of parsed.data.keys) store.#keys.set(key.id, key);
    }
    return store;
  }

  list(): ApiKeyInfo[] {
    return [...this.#keys.values()].map((key) => this.#info(key));
  }

  async create(input: {
    name: string;
    scopes: GatewayScope[];
    limits?: Partial<ApiKeyLimits> | undefined;
  }): Promise<{ key: ApiKeyInfo; secret: string }> {
    const made = newApiKey();
    const key: StoredKey = {
      id: made.id,
      name: input.name,
      prefix: made.prefix,
      hash: hashApiKey(made.secret),
      scopes: [...new Set(input.scopes)],
      limits: input.limits ?? {},
      createdAt: this.#iso(),
      revokedAt: null,
      expiresAt: null,
      lastUsedAt: null,
      useCount: 0,
    };
    this.#keys.set(key.id, key);
    await this.#save();
    return { key: this.#info(key), secret: made.secret };
  }

  /** Refuses the key from now on. */
  async revoke(id: string): Promise<ApiKeyInfo> {
    const key = this.#require(id);
    key.revokedAt ??= this.#iso();
    await this.#save();
    return this.#info(key);
  }

  /**
   * A new key with the same name, scopes and limits; the old one keeps working for `graceMs` (so clients can be
   * moved over), then is refused. Rotating a key that is already expiring does not extend it.
   */
  async rotate(id: string, graceMs: number): Promise<{ key: ApiKeyInfo; secret: string; previous: ApiKeyInfo }> {
    const old = this.#require(id);
    if (this.#state(old) !== 'active') throw new HearthError('CONFLICT', 'Only a key in use can be rotated.');
    const made = await this.create({ name: old.name, scopes: old.scopes, limits: old.limits });
    if (graceMs <= 0) old.revokedAt = this.#iso();
    else old.expiresAt = new Date(this.#now() + graceMs).toISOString();
    await this.#save();
    return { ...made, previous: this.#info(old) };
  }

  /** Checks a raw key; a good one counts as used (written later, in a batch). */
  verify(secret: string): KeyCheck {
    const id = keyIdOf(secret);
    const key = id === null ? undefined : this.#keys.get(id);
    if (!key || !sameKeyHash(key.hash, hashApiKey(secret))) return { ok: false, reason: 'unknown' };
    const state = this.#state(key);
    if (state !== 'active' && state !== 'expiring') return { ok: false, reason: state };
    key.useCount += 1;
    key.lastUsedAt = this.#iso();
    this.#usage.touch();
    return { ok: true, key: { id: key.id, name: key.name, scopes: key.scopes, limits: this.#limits(key) } };
  }

  /** Writes pending use counts now. */
  flush(): Promise<void> {
    return this.#usage.flush();
  }

  async dispose(): Promise<void> {
    await this.#usage.dispose();
    await this.#writes;
  }

  #state(key: StoredKey): 'active' | 'expiring' | 'revoked' | 'expired' {
    if (key.revokedAt !== null) return 'revoked';
    if (key.expiresAt === null) return 'active';
    return Date.parse(key.expiresAt) > this.#now() ? 'expiring' : 'expired';
  }

  #info(key: StoredKey): ApiKeyInfo {
    const { hash: _hash, limits: _limits, ...rest } = key;
    return { ...rest, limits: this.#limits(key), source: 'app' };
  }

  #limits(key: StoredKey): ApiKeyLimits {
    return { ...this.options.defaults, ...key.limits };
  }

  #require(id: string): StoredKey {
    const key = this.#keys.get(id);
    if (!key) throw new HearthError('NOT_FOUND', 'No API key has that id.');
    return key;
  }

  /** Write-then-rename, serialised, so a crash mid-write never leaves half a file. */
  #save(): Promise<void> {
    const run = async () => {
      const text = `${JSON.stringify({ version: 1, keys: [...this.#keys.values()] }, null, 2)}\n`;
      await mkdir(dirname(this.options.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.options.file}.${randomUUID()}.tmp`;
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, this.options.file);
    };
    const next = this.#writes.then(run, run);
    this.#writes = next.catch(() => undefined);
    return next;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }
}
