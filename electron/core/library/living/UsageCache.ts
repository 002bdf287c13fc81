/** Options for `UsageCache`. */
export interface UsageCacheOptions {
  /** How long a figure is trusted without a change signal (files touched outside Hearth). */
  maxAgeMs?: number;
  /** Clock in ms; tests pass their own. */
  now?: () => number;
}

interface Entry {
  at: number;
  value: Promise<number | null>;
  stale: boolean;
}

const DEFAULT_MAX_AGE_MS = 60_000;

/**
 * Sizes and counts that are slow to measure (a folder walk, a vector store's count over HTTP), kept until a change
 * signal marks them stale or they grow old. Callers asking at once share one measurement in flight.
 */
export class UsageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: UsageCacheOptions = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The figure under `key`, measured by `measure` when missing, stale or old; a failed measurement gives null. */
  get(key: string, measure: () => Promise<number | null>): Promise<number | null> {
    const entry = this.#entries.get(key);
    const now = this.#now();
    if (entry && !entry.stale && now - entry.at < this.#maxAgeMs) return entry.value;
    const value: Promise<number | null> = measure()
      .catch(() => null)
      .then((result) => {
        // Not kept: a store that was down is asked again next time rather than shown as unknown for a minute.
        if (result === null && this.#entries.get(key)?.value === value) this.#entries.delete(key);
        return result;
      });
    this.#entries.set(key, { at: now, value, stale: false });
    return value;
  }

  /** Marks the figures whose key starts with `prefix` (all without one) to be measured again on the next ask. */
  invalidate(prefix = ''): void {
    for (const [key, entry] of this.#entries) if (key.startsWith(prefix)) entry.stale = true;
  }
}
