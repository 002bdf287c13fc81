import { HearthError } from '../../../shared/errors';
import type { SqlDatabase } from './sql/SqlDatabase';

/** Who leads a task, and until when (ms since the epoch). */
export interface Leadership {
  holder: string;
  until: number;
}

const KEY_PREFIX = 'leader:';

/**
 * Leader leases for work only one replica may do at a time (following the S3 bucket): a `library_state` row per
 * task holding the leader and its lease's end. Taking or renewing is a compare-and-swap on that row, so it needs no
 * schema of its own and behaves the same on SQLite and PostgreSQL; a leader that dies is replaced once its lease
 * runs out. Reached through `Catalog.leaders`.
 */
export class LeaderLeases {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  /**
   * Makes `holder` the leader of `task` for `leaseMs` if nobody leads it, its lease ran out or `holder` leads it
   * already (a renewal). Returns whether `holder` leads it now.
   */
  tryAcquire(task: string, holder: string, leaseMs: number): boolean {
    if (holder.length === 0 || leaseMs <= 0) {
      throw new HearthError('INVALID_INPUT', 'A leader lease needs a holder and a positive length.', { task });
    }
    const key = KEY_PREFIX + task;
    this.db.prepare(`INSERT INTO library_state (key, value) VALUES (?, '') ON CONFLICT (key) DO NOTHING`).run(key);
    const before = this.#value(key);
    const current = parse(before);
    const t = this.now();
    if (current && current.holder !== holder && current.until >= t) return false;
    const next = JSON.stringify({ holder, until: t + leaseMs } satisfies Leadership);
    // Changed only if nobody wrote since the read: of two replicas racing for an expired lease, one wins.
    const swapped = this.db
      .prepare('UPDATE library_state SET value = ? WHERE key = ? AND value = ?')
      .run(next, key, before ?? '');
    return Number(swapped.changes) === 1;
  }

  /** Gives up `task` if `holder` leads it (a graceful stop), so another replica takes over at once. */
  release(task: string, holder: string): void {
    const key = KEY_PREFIX + task;
    const before = this.#value(key);
    if (parse(before)?.holder !== holder) return;
    this.db.prepare(`UPDATE library_state SET value = '' WHERE key = ? AND value = ?`).run(key, before ?? '');
  }

  /** The current leader of `task`, if its lease still runs. */
  leader(task: string): Leadership | null {
    const current = parse(this.#value(KEY_PREFIX + task));
    return current && current.until >= this.now() ? current : null;
  }

  #value(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM library_state WHERE key = ?').get(key);
    return row === undefined ? undefined : String(row['value']);
  }
}

function parse(value: string | undefined): Leadership | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<Leadership>;
    return typeof parsed.holder === 'string' && typeof parsed.until === 'number'
      ? { holder: parsed.holder, until: parsed.until }
      : null;
  } catch {
    // A damaged row leads nobody: the next acquire overwrites it.
    return null;
  }
}
