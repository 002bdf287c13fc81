import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HearthError } from '../../shared/errors';
import type { AuditVerify } from '../../shared/schemas';
import { canonicalJson } from './canonicalJson';

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
  hash: string;
}

/** Options for the audit log. */
export interface AuditLogOptions {
  /** Directory holding `audit.jsonl` and `head.json`. */
  dir: string;
  /** Clock, for tests. */
  now?: () => Date;
}

const GENESIS = '0'.repeat(64);

function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/**
 * Append-only JSONL where each entry carries the hash of the one before it. `head.json` keeps the last
 * sequence number and hash, so removing entries from the end is detected as well as edits, deletions
 * and reordering in the middle.
 */
export class AuditLog {
  readonly #file: string;
  readonly #headFile: string;
  #seq = 0;
  #last = GENESIS;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(private readonly options: AuditLogOptions) {
    this.#file = join(options.dir, 'audit.jsonl');
    this.#headFile = join(options.dir, 'head.json');
  }

  static async open(options: AuditLogOptions): Promise<AuditLog> {
    const log = new AuditLog(options);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    try {
      const head = JSON.parse(await readFile(log.#headFile, 'utf8')) as { seq: number; hash: string };
      log.#seq = head.seq;
      log.#last = head.hash;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return log;
  }

  get path(): string {
    return this.#file;
  }

  /** Appends one entry; appends are serialised so the chain never forks. */
  append(record: AuditRecord): Promise<AuditEntry> {
    if (this.#closed)
      return Promise.reject(new HearthError('CANCELLED', 'The audit log is closed: Hearth is stopping.'));
    const run = async () => {
      const base = {
        seq: this.#seq + 1,
        ts: (this.options.now?.() ?? new Date()).toISOString(),
        actor: record.actor,
        action: record.action,
        ...(record.data === undefined ? {} : { data: record.data }),
        prev: this.#last,
      };
      const entry: AuditEntry = { ...base, hash: hashEntry(base) };
      await appendFile(this.#file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      const tmp = `${this.#headFile}.tmp`;
      await writeFile(tmp, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
      await rename(tmp, this.#headFile);
      this.#seq = entry.seq;
      this.#last = entry.hash;
      return entry;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Writes every queued entry, then refuses new ones. */
  async dispose(): Promise<void> {
    this.#closed = true;
    await this.#queue;
  }

  /** Re-reads the whole file and checks every link. */
  async verify(): Promise<AuditVerify> {
    await this.#queue;
    let text = '';
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const lines = text.split('\n').filter((l) => l.length > 0);
    let prev = GENESIS;
    for (const [index, line] of lines.entries()) {
      const lineNo = index + 1;
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        return { ok: false, entries: lines.length, problem: { line: lineNo, reason: 'not valid JSON' } };
      }
      const { hash, ...rest } = entry;
      if (entry.seq !== lineNo) {
        return {
          ok: false,
          entries: lines.length,
          problem: { line: lineNo, reason: `expected entry ${lineNo}, found ${entry.seq} (removed or reordered)` },
        };
      }
      if (entry.prev !== prev) {
        return {
          ok: false,
          entries: lines.length,
          problem: { line: lineNo, reason: 'does not follow the previous entry (removed or reordered)' },
        };
      }
      if (hashEntry(rest) !== hash) {
        return {
          ok: false,
          entries: lines.length,
          problem: { line: lineNo, reason: 'content was changed after it was written' },
        };
      }
      prev = hash;
    }
    if (lines.length !== this.#seq || prev !== this.#last) {
      return {
        ok: false,
        entries: lines.length,
        problem: {
          line: lines.length,
          reason: `the log ends at entry ${lines.length} but ${this.#seq} were written (entries removed from the end)`,
        },
      };
    }
    return { ok: true, entries: lines.length, problem: null };
  }
}
