import type { SqlDatabase, SqlStatement } from './sql/SqlDatabase';
import { LruCache } from '../../../shared/LruCache';
import type { Row } from './catalogRows';

/** Phrases remembered at once: a library's everyday query words, many times over. */
const CAPACITY = 4096;
/** Phrases counted by one statement at most; longer queries take more than one (queries stop at 32 words). */
const BATCH = 16;

/**
 * How many keyword-index rows match each phrase of a query, counted no further than a cap (a walk of the doclists,
 * nothing scored): what KeywordIndex picks the words it ranks in full by. The counts are remembered per phrase until
 * the catalogue changes — this connection's total_changes or another connection's data_version moves — since people
 * ask with the same everyday words again and again, and counting a common word walks a thousand rows. The phrases a
 * search still has to count are counted in one statement.
 */
export class PhraseCounts {
  readonly #cache = new LruCache<string, number>(CAPACITY);
  readonly #statements = new Map<number, SqlStatement>();
  readonly #stamp: SqlStatement;
  #version = '';

  constructor(private readonly db: SqlDatabase) {
    this.#stamp = db.prepare('SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v');
  }

  /** The number of rows matching each phrase (an FTS5 MATCH expression), in order, each at most `cap`. */
  count(phrases: readonly string[], cap: number): number[] {
    const stamp = this.#stamp.get() as Row;
    const version = `${String(stamp['t'])}:${String(stamp['v'])}`;
    if (version !== this.#version) {
      this.#cache.clear();
      this.#version = version;
    }
    const key = (phrase: string): string => `${cap}\u0000${phrase}`;
    const counts = phrases.map((phrase) => this.#cache.get(key(phrase)));
    const missing = [...new Set(phrases.filter((_, i) => counts[i] === undefined))];
    for (let start = 0; start < missing.length; start += BATCH) {
      const batch = missing.slice(start, start + BATCH);
      const row = this.#batch(batch.length).get(cap, ...batch) as Row;
      batch.forEach((phrase, i) => this.#cache.set(key(phrase), Number(row[`n${i}`])));
    }
    return phrases.map((phrase, i) => counts[i] ?? this.#cache.get(key(phrase))!);
  }

  /** One row with a column per phrase: ?1 is the cap, ?2… the phrases. */
  #batch(size: number): SqlStatement {
    let statement = this.#statements.get(size);
    if (!statement) {
      const columns = Array.from(
        { length: size },
        (_, i) =>
          `(SELECT count(*) FROM (SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?${i + 2} LIMIT ?1)) AS n${i}`,
      );
      statement = this.db.prepare(`SELECT ${columns.join(', ')}`);
      this.#statements.set(size, statement);
    }
    return statement;
  }
}
