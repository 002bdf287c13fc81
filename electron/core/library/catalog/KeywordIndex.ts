import type { SqlDatabase, SqlStatement } from './sql/SqlDatabase';
import { HearthError } from '../../../shared/errors';
import { buildKeywordQuery, narrowedKeywordQuery } from './buildKeywordQuery';
import type { Row } from './catalogRows';
import type { KeywordHit, KeywordSearchOptions } from './catalogTypes';
import { FILL_KEYWORD_INDEX_SQL } from './keywordIndexSchema';
import { PhraseCounts } from './PhraseCounts';
import { topUpKeywordHits } from './topUpKeywordHits';

/**
 * Rows one search scores at most, as a budget spent on the rarest words first. Words whose rows fit are ranked in
 * full; words beyond it are so common (a 100k-passage library can have 60k rows holding one of five everyday words)
 * that scoring all their rows costs more than it tells: they still count in the score of every row ranked, but rows
 * holding nothing else are not looked at (their score is bounded by the small idf of such words).
 */
const RANK_BUDGET = 1000;
/** Rows holding any word scored, newest first, when every word is beyond the budget. */
const ANY_TIER_SCAN = 4000;

// Unfiltered: rank inside FTS5 alone, then look up only the few winners. `rank` is bm25 with the title weight
// configured in the migration.
const RANKED = `SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ?1 ORDER BY rank, rowid LIMIT ?2`;
const NEWEST_RANKED = `
  SELECT rowid, rank FROM (
    SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ?1 ORDER BY rowid DESC LIMIT ${ANY_TIER_SCAN}
  ) ORDER BY rank, rowid LIMIT ?2`;
// Every matching row with its score, in no order (the budget bounds how many).
const SCORED = `SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ?1`;
const INDEXED_CHUNK = `
  SELECT c.id AS chunk_id, c.document_id FROM chunks c JOIN documents d ON d.id = c.document_id
  WHERE c.seq = ? AND d.status = 'indexed'`;
// Filtered (documents, collections): the filter joins every matching row, so no early cut applies.
const FILTERED = `
  SELECT c.id AS chunk_id, c.document_id, chunks_fts.rank AS rank
  FROM chunks_fts JOIN chunks c ON c.seq = chunks_fts.rowid JOIN documents d ON d.id = c.document_id
  WHERE chunks_fts MATCH ?1 AND d.status = 'indexed'
    AND (?3 IS NULL OR c.document_id IN (SELECT value FROM json_each(?3)))
    AND (?4 IS NULL OR d.collection IN (SELECT value FROM json_each(?4)))
  ORDER BY chunks_fts.rank, c.seq LIMIT ?2`;

/**
 * The keyword index over chunk text (FTS5, see keywordIndexSchema): tiered BM25 search, row counts and repair.
 * Statements are prepared once per connection.
 */
export class KeywordIndex {
  readonly #statements = new Map<string, SqlStatement>();
  readonly #counts: PhraseCounts;

  constructor(private readonly db: SqlDatabase) {
    this.#counts = new PhraseCounts(db);
  }

  /**
   * BM25-ranked chunks of indexed documents for the words of `query`, best first: BM25 over any of the words, as a
   * search engine ranks, with stems, the title weighted above the body and, for 2–4 words, rows where the words stand
   * close together scoring higher. A row holding more words is not put first for that alone: one rare word that
   * names the topic outweighs two everyday ones, which is what paraphrased questions need. Within RANK_BUDGET every
   * row holding a word is scored; past it, rows holding one of the rarer words are, by the whole query (see
   * narrowedKeywordQuery); while fewer than `minHits` were found that way (every word is that common), rows holding
   * all of them follow and then the newest rows holding any, by their words' BM25. Stop words only score; user text
   * never reaches FTS5 as syntax (buildKeywordQuery).
   */
  search(query: string, options: KeywordSearchOptions): KeywordHit[] {
    const topK = Math.floor(options.topK);
    if (!(topK >= 1 && topK <= 1000)) throw new HearthError('INVALID_INPUT', 'topK must be between 1 and 1000.');
    const built = buildKeywordQuery(query, options.match === 'prefix');
    if (built === null) return [];
    if (options.match === 'all') return this.#ranked(built.all, topK, options);
    const rows = this.#counts.count(built.phrases, RANK_BUDGET + 1);
    const counted = built.phrases.map((phrase, i) => ({ phrase, rows: rows[i]! })).sort((a, b) => a.rows - b.rows);
    const rare: string[] = [];
    let budget = RANK_BUDGET;
    for (const { phrase, rows } of counted) {
      if (rows > budget) break;
      budget -= rows;
      rare.push(phrase);
    }
    if (rare.length === built.phrases.length) {
      // Every row holding a word is scored.
      return built.scoring === built.any
        ? this.#ranked(built.any, topK, options)
        : this.#narrowed(narrowedKeywordQuery(built, built.any), topK, options);
    }
    const minHits = Math.min(topK, Math.max(1, Math.floor(options.minHits ?? topK)));
    const hits = rare.length > 0 ? this.#narrowed(narrowedKeywordQuery(built, rare.join(' OR ')), topK, options) : [];
    if (hits.length >= minHits) return hits;
    return topUpKeywordHits(hits, {
      topK,
      minHits,
      every: () => this.#ranked(built.all, topK, options),
      newestAny: () => this.#ranked(built.phrases.join(' OR '), topK, options, true),
    });
  }

  /** Rows actually held by the index (of one document, or all), counted from its own docsize table. */
  rowCount(documentId?: string): number {
    const row = (
      documentId === undefined
        ? this.#statement('SELECT count(*) AS n FROM chunks_fts_docsize').get()
        : this.#statement(
            'SELECT count(*) AS n FROM chunks_fts_docsize s JOIN chunks c ON c.seq = s.id WHERE c.document_id = ?',
          ).get(documentId)
    ) as Row;
    return Number(row['n']);
  }

  /**
   * True when the index is sound (FTS5 integrity-check of its own structure) and holds exactly one row per chunk.
   * The index is contentless, so FTS5 cannot compare it with the text itself; the row sets are compared instead.
   */
  verify(): boolean {
    try {
      this.db.exec(`INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('integrity-check', 1)`);
      const row = this.#statement(
        `SELECT (SELECT count(*) FROM chunks) AS chunks, (SELECT count(*) FROM chunks_fts_docsize) AS rows,
                (SELECT count(*) FROM chunks c LEFT JOIN chunks_fts_docsize s ON s.id = c.seq
                 WHERE s.id IS NULL) AS missing`,
      ).get() as Row;
      return row['chunks'] === row['rows'] && Number(row['missing']) === 0;
    } catch {
      return false;
    }
  }

  /** Empties the index and fills it again from the chunks (repair after verify() said no). */
  rebuild(): void {
    this.db.exec(`INSERT INTO chunks_fts (chunks_fts) VALUES ('delete-all')`);
    this.db.exec(FILL_KEYWORD_INDEX_SQL);
  }

  /** The rows matching `match`, by BM25; `newest`: only the newest ANY_TIER_SCAN rows. */
  #ranked(match: string, topK: number, options: KeywordSearchOptions, newest = false): KeywordHit[] {
    const rows = isFiltered(options)
      ? this.#filtered(match, topK, options)
      : this.#unfiltered(newest ? NEWEST_RANKED : RANKED, match, topK);
    return rows.map(toHit);
  }

  /** Rows holding a rare word, by the whole query's BM25: the doubled score less the partial one. */
  #narrowed(query: { partial: string; doubled: string }, topK: number, options: KeywordSearchOptions): KeywordHit[] {
    const key = isFiltered(options) ? 'chunk_id' : 'rowid';
    const scored = (match: string): Row[] =>
      isFiltered(options) ? this.#filtered(match, RANK_BUDGET, options) : (this.#statement(SCORED).all(match) as Row[]);
    const partial = new Map(scored(query.partial).map((r) => [r[key], Number(r['rank'])]));
    const rows = scored(query.doubled)
      .map((r): Row => ({ ...r, rank: Number(r['rank']) - (partial.get(r[key]) ?? 0) }))
      .sort((a, b) => Number(a['rank']) - Number(b['rank']) || Number(a['rowid'] ?? 0) - Number(b['rowid'] ?? 0));
    if (isFiltered(options)) return rows.slice(0, topK).map(toHit);
    const lookup = this.#statement(INDEXED_CHUNK);
    const hits: KeywordHit[] = [];
    for (const r of rows) {
      if (hits.length >= topK) break;
      const chunk = lookup.get(r['rowid'] as number) as Row | undefined;
      if (chunk) hits.push(toHit({ ...chunk, rank: r['rank'] }));
    }
    return hits;
  }

  /**
   * Reads a few more ranked rows than asked, and deeper while rows of documents not (yet) indexed crowd them out;
   * most rows belong to indexed documents, so one round is the rule.
   */
  #unfiltered(sql: string, match: string, topK: number): Row[] {
    const lookup = this.#statement(INDEXED_CHUNK);
    for (let depth = topK + 8; ; depth *= 4) {
      const ranked = this.#statement(sql).all(match, depth) as Row[];
      const rows = ranked.flatMap((r) => {
        const chunk = lookup.get(r['rowid'] as number) as Row | undefined;
        return chunk ? [{ ...chunk, rank: r['rank'] }] : [];
      });
      if (rows.length >= topK || ranked.length < depth) return rows.slice(0, topK);
    }
  }

  #filtered(match: string, topK: number, options: KeywordSearchOptions): Row[] {
    const docIds = options.documentIds ? JSON.stringify(options.documentIds) : null;
    const collections = options.collections ? JSON.stringify(options.collections) : null;
    return this.#statement(FILTERED).all(match, topK, docIds, collections) as Row[];
  }

  #statement(sql: string): SqlStatement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

function isFiltered(options: KeywordSearchOptions): boolean {
  return options.documentIds !== undefined || options.collections !== undefined;
}

/** A ranked row as a hit: FTS5's rank is minus the BM25 score, squashed here into (0, 1), higher better. */
function toHit(r: Row): KeywordHit {
  const bm25 = Math.max(0, -Number(r['rank']));
  return { chunkId: String(r['chunk_id']), documentId: String(r['document_id']), score: bm25 / (1 + bm25) };
}
