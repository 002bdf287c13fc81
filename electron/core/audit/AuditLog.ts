import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HearthError } from '../../shared/errors';
import type { AuditVerify } from '../../shared/schemas';
import { GENESIS, keyedEntryHash, plainEntryHash, sameDigest } from './auditDigest';
import { readHead, writeHead, type AuditHead } from './auditHead';
import type { AuditKey } from './auditKey';

/** One recorded action: a tool execution, an LSP request, a privileged change. */
export interface AuditRecord {
  /** Who acted: `agent`, `lsp`, `user`, `gateway:<key id>`… */
  actor: string;
  /** What was done, e.g. `tool.search_documents`. */
  action: string;
  /** Arguments or outcome; never secret values. */
  data?: Record<string, unknown>;
}

export interface AuditEntry extends AuditRecord {
  seq: number;
  ts: string;
  /** Hash of the previous entry (`GENESIS` for the first). */
  prev: string;
  /** HMAC-SHA-256 of the entry under the audit key (plain SHA-256 for entries from before the key). */
  hash: string;
}

/** Options for the audit log. */
export interface AuditLogOptions {
  /** Directory holding `audit.jsonl` and `head.json`. */
  dir: string;
  /** Clock, for tests. */
  now?: () => Date;
}

const KEY_UNAVAILABLE =
  'The audit log cannot be written or checked: its key is in the system keychain, which did not answer. ' +
  'Unlock the keychain and restart Hearth.';

/**
 * Append-only JSONL where each entry carries a MAC, under a key kept in the keychain, of itself and the entry
 * before it. `head.json` (signed too) keeps the last sequence number and hash, so removing entries from the end is
 * detected as well as edits, deletions and reordering in the middle — and a chain rebuilt by someone who can write
 * the files but not read the keychain does not verify. Entries written by an older, unkeyed Hearth keep their plain
 * SHA-256 links; the head records where the keyed part starts.
 *
 * The log is opened before the keychain (the settings and secrets parts audit their changes) and keyed once the
 * keychain is open (`useKey`); appends and checks made meanwhile wait for the key.
 */
export class AuditLog {
  readonly #file: string;
  readonly #headFile: string;
  #head: AuditHead = { seq: 0, hash: GENESIS, keyedFrom: 1, broken: null };
  /** Undefined until `useKey`; null when the keychain could not give the key. */
  #key: Buffer | null | undefined;
  readonly #keyed: { promise: Promise<void>; resolve: () => void };
  #queue: Promise<unknown>;
  #closed = false;

  private constructor(private readonly options: AuditLogOptions) {
    this.#file = join(options.dir, 'audit.jsonl');
    this.#headFile = join(options.dir, 'head.json');
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    this.#keyed = { promise, resolve };
    this.#queue = promise;
  }

  static async open(options: AuditLogOptions): Promise<AuditLog> {
    const log = new AuditLog(options);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    return log;
  }

  /**
   * Keys the log and reads its head; null when the keychain could not give the key: the log then refuses work with
   * KEYCHAIN_UNAVAILABLE, since an unkeyed entry could not be told from a forged one.
   */
  async useKey(auditKey: AuditKey | null): Promise<void> {
    if (this.#key !== undefined) throw new Error('The audit log already has its key.');
    try {
      if (auditKey) {
        const { head, rewrite } = await readHead({
          file: this.#headFile,
          key: auditKey.key,
          keyIsNew: auditKey.created,
        });
        if (rewrite) await writeHead(this.#headFile, auditKey.key, head);
        this.#head = head;
      }
      this.#key = auditKey?.key ?? null;
    } finally {
      this.#key ??= null;
      this.#keyed.resolve();
    }
  }

  get path(): string {
    return this.#file;
  }

  /** Appends one entry; appends are serialised so the chain never forks. */
  append(record: AuditRecord): Promise<AuditEntry> {
    if (this.#closed)
      return Promise.reject(new HearthError('CANCELLED', 'The audit log is closed: Hearth is stopping.'));
    const run = async () => {
      const key = this.#requireKey();
      const base = {
        seq: this.#head.seq + 1,
        ts: (this.options.now?.() ?? new Date()).toISOString(),
        actor: record.actor,
        action: record.action,
        ...(record.data === undefined ? {} : { data: record.data }),
        prev: this.#head.hash,
      };
      const entry: AuditEntry = { ...base, hash: keyedEntryHash(key, base) };
      await appendFile(this.#file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      const head = { ...this.#head, seq: entry.seq, hash: entry.hash };
      await writeHead(this.#headFile, key, head);
      this.#head = head;
      return entry;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Writes every queued entry, then refuses new ones. */
  async dispose(): Promise<void> {
    this.#closed = true;
    // Never keyed (the core failed to start first): what waits for the key is refused rather than left hanging.
    if (this.#key === undefined) await this.useKey(null);
    await this.#queue;
  }

  /** Re-reads the whole file and checks every link, then the signed head. */
  async verify(): Promise<AuditVerify> {
    await this.#queue;
    const key = this.#requireKey();
    let text = '';
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = text.split('\n').filter((l) => l.length > 0);
    const fail = (line: number, reason: string): AuditVerify => ({
      ok: false,
      entries: lines.length,
      problem: { line, reason },
    });
    let prev = GENESIS;
    for (const [index, line] of lines.entries()) {
      const lineNo = index + 1;
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        return fail(lineNo, 'not valid JSON');
      }
      const { hash, ...rest } = entry;
      if (entry.seq !== lineNo)
        return fail(lineNo, `expected entry ${lineNo}, found ${entry.seq} (removed or reordered)`);
      if (entry.prev !== prev) return fail(lineNo, 'does not follow the previous entry (removed or reordered)');
      const expected = lineNo < this.#head.keyedFrom ? plainEntryHash(rest) : keyedEntryHash(key, rest);
      if (typeof hash !== 'string' || !sameDigest(expected, hash))
        return fail(lineNo, 'content was changed after it was written');
      prev = hash;
    }
    if (lines.length !== this.#head.seq || prev !== this.#head.hash) {
      return fail(
        lines.length,
        `the log ends at entry ${lines.length} but ${this.#head.seq} were written (entries removed from the end)`,
      );
    }
    if (this.#head.broken) return { ok: false, entries: lines.length, problem: this.#head.broken };
    return { ok: true, entries: lines.length, problem: null };
  }

  #requireKey(): Buffer {
    if (!this.#key) throw new HearthError('KEYCHAIN_UNAVAILABLE', KEY_UNAVAILABLE);
    return this.#key;
  }
}
