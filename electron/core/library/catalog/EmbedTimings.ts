import type { DatabaseSync } from 'node:sqlite';

/** One timed embedding call: how many passages, in how many milliseconds. */
export interface EmbedSample {
  passages: number;
  ms: number;
}

/** Recent samples of one embedding model (by the model id the library writes indexes under). */
export interface ModelEmbedSamples {
  model: string;
  samples: EmbedSample[];
}

/** Samples kept per model: enough for a steady median, few enough that an old machine state ages out. */
const KEPT = 20;
const KEY_PREFIX = 'embed_timing:';

/**
 * How fast this computer embeds passages, per model: the library's writers time each batch they embed, and the
 * embedding-model switch estimates a re-embed from it. Kept in the catalogue (`library_state`), so the figure
 * survives a restart. Reached through `Catalog.embedTimings`.
 */
export class EmbedTimings {
  /** Calls in flight; a call that overlapped another (two files embedding at once) shares the machine and is not kept. */
  readonly #running = new Set<{ overlapped: boolean }>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Runs one embedding call of `passages` texts and keeps its time under the model that answered, when it ran
   * alone. Rejects as `run` does; a failed call keeps nothing.
   */
  async measure<T extends { model: string }>(passages: number, run: () => Promise<T>): Promise<T> {
    const call = { overlapped: this.#running.size > 0 };
    for (const other of this.#running) other.overlapped = true;
    this.#running.add(call);
    const started = this.now();
    try {
      const result = await run();
      if (!call.overlapped && passages > 0) this.record(result.model, { passages, ms: this.now() - started });
      return result;
    } finally {
      this.#running.delete(call);
    }
  }

  /** Keeps one sample (the newest `KEPT` per model stay). */
  record(model: string, sample: EmbedSample): void {
    if (!(sample.passages > 0) || !(sample.ms >= 0)) return;
    const samples = [...this.forModel(model), { passages: sample.passages, ms: sample.ms }].slice(-KEPT);
    try {
      this.db
        .prepare(
          'INSERT INTO library_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(KEY_PREFIX + model, JSON.stringify(samples));
    } catch {
      // A busy or read-only catalogue loses this sample only; the estimate uses the ones kept before.
    }
  }

  /** The samples kept for one model, oldest first. */
  forModel(model: string): EmbedSample[] {
    const row = this.db.prepare('SELECT value FROM library_state WHERE key = ?').get(KEY_PREFIX + model) as
      { value: string } | undefined;
    return row ? parseSamples(row.value) : [];
  }

  /** Every model with samples. */
  list(): ModelEmbedSamples[] {
    const rows = this.db
      .prepare('SELECT key, value FROM library_state WHERE key LIKE ? ORDER BY key')
      .all(`${KEY_PREFIX}%`) as Array<{ key: string; value: string }>;
    return rows
      .map((r) => ({ model: r.key.slice(KEY_PREFIX.length), samples: parseSamples(r.value) }))
      .filter((m) => m.samples.length > 0);
  }
}

/** Samples from their stored JSON; anything malformed is dropped rather than trusted. */
function parseSamples(value: string): EmbedSample[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((s: unknown) => {
    const { passages, ms } = (s ?? {}) as Partial<EmbedSample>;
    return typeof passages === 'number' && typeof ms === 'number' && passages > 0 && ms >= 0 ? [{ passages, ms }] : [];
  });
}
