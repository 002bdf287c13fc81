import type { SqlDatabase } from './sql/SqlDatabase';

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
  /** Calls in flight now. */
  #running = 0;
  /**
   * The stretch of time during which calls ran back to back or side by side (two files embedding at once): timed as
   * one sample, all its passages over its whole length, which is the throughput a re-embed would see.
   */
  #period: { started: number; passages: number; models: Set<string>; failed: boolean } | null = null;

  constructor(
    private readonly db: SqlDatabase,
    /** Clock in ms (the catalogue's). */
    private readonly now: () => number,
  ) {}

  /**
   * Runs one embedding call of `passages` texts. When no call is left running, the period since the first one began
   * is kept as one sample under the model that answered; a period with a failed call or with two models keeps nothing.
   * Rejects as `run` does.
   */
  async measure<T extends { model: string }>(passages: number, run: () => Promise<T>): Promise<T> {
    this.#period ??= { started: this.now(), passages: 0, models: new Set(), failed: false };
    const period = this.#period;
    this.#running++;
    try {
      const result = await run();
      period.passages += passages;
      period.models.add(result.model);
      return result;
    } catch (error) {
      period.failed = true;
      throw error;
    } finally {
      this.#running--;
      if (this.#running === 0) {
        this.#period = null;
        const [model] = period.models;
        if (!period.failed && period.models.size === 1 && model !== undefined && period.passages > 0) {
          this.record(model, { passages: period.passages, ms: this.now() - period.started });
        }
      }
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
