import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { HearthError } from '../../../shared/errors';
import { buildKeywordQuery } from './buildKeywordQuery';
import type { Row } from './catalogRows';
import type { KeywordHit, KeywordSearchOptions } from './catalogTypes';
import { FILL_KEYWORD_INDEX_SQL } from './keywordIndexSchema';

/**
 * Rows of the any-word tier read at most, newest first, before ranking. Exact whenever fewer rows match; beyond it
 * the query is made of words so common that ranking all of them costs more than it tells (a 100k-passage library
 * can have 60k rows holding one of five everyday words). Rows holding every word are always ranked exactly.
 */
const ANY_TIER_SCAN = 4000;

// Unfiltered: rank inside FTS5 alone, then look up only the few winners. `rank` is bm25 with the title weight
// configured in the migration.
const ALL_TIER = `SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ?1 ORDER BY rank, rowid LIMIT ?2`;
const ANY_TIER = `
  SELECT rowid, rank FROM (
    SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ?1 ORDER BY rowid DESC LIMIT ${ANY_TIER_SCAN}
  ) ORDER BY rank, rowid LIMIT ?2`;
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
  readonly #statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {}

  /**
   * BM25-ranked chunks of indexed documents for the words of `query`, best first. 'any' (the default) searches in
   * tiers: rows holding every word (those with the words close together first), then, only while fewer than
   * `minHits` were found, rows holding any word. Scores keep that order: every-word rows score in [1, 2), the others
   * in (0, 1). Stop words are left out; user text never reaches FTS5 as syntax (see buildKeywordQuery).
   */
  search(query: string, options: KeywordSearchOptions): KeywordHit[] {
    const topK = Math.floor(options.topK);
    if (!(topK >= 1 && topK <= 1000)) throw new HearthError('INVALID_INPUT', 'topK must be between 1 and 1000.');
    const built = buildKeywordQuery(query, options.match === 'prefix');
    if (built === null) return [];
    const minHits = Math.min(topK, Math.max(1, Math.floor(options.minHits ?? topK)));
    const filtered = options.documentIds !== undefined || options.collections !== undefined;
    const tiers = options.match === 'all' || built.terms.length === 1 ? [built.all] : [built.all, built.any];
    const hits: KeywordHit[] = [];
    const seen = new Set<string>();
    for (const [i, match] of tiers.entries()) {
      if (i > 0 && hits.length >= minHits) break;
      const bonus = tiers.length - 1 - i;
      const rows = filtered
        ? this.#filtered(match, topK, options)
        : this.#unfiltered(i === 0 ? ALL_TIER : ANY_TIER, match, topK);
      for (const r of rows) {
        const chunkId = String(r['chunk_id']);
        if (seen.has(chunkId) || hits.length >= topK) continue;
        seen.add(chunkId);
        const bm25 = Math.max(0, -Number(r['rank']));
        hits.push({ chunkId, documentId: String(r['document_id']), score: bonus + bm25 / (1 + bm25) });
      }
    }
    return hits;
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
      if (rows.length >= topK || ranked.length < depth) return rows;
    }
  }

  #filtered(match: string, topK: number, options: KeywordSearchOptions): Row[] {
    const docIds = options.documentIds ? JSON.stringify(options.documentIds) : null;
    const collections = options.collections ? JSON.stringify(options.collections) : null;
    return this.#statement(FILTERED).all(match, topK, docIds, collections) as Row[];
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}
