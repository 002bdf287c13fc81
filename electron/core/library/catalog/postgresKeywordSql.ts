import { KEYWORD_CONFIG } from './postgresCatalogSchema';

/**
 * Rows one search scores at most, as a budget spent on the rarest words first (as KeywordIndex's RANK_BUDGET on
 * SQLite): a word in more rows than is left of it selects no row, it only scores.
 */
export const RANK_BUDGET = 1000;
/** Newest rows a scan tier (every word, any word) ranks at most, when the budget picked too few rows. */
export const SCAN_LIMIT = 4000;
/** Rows counted to size the catalogue for idf when PostgreSQL's own estimate (pg_class.reltuples) is not there yet. */
const TOTAL_PROBE = 2000;
/** ts_rank / ts_rank_cd normalisation: divide by log2(1 + length), the length term of BM25. */
const NORMALIZATION = 1;

/*
 * Parameters shared by both statements:
 *   ?1 the query's words as tsquery operands (JSON array): the words that select rows first, then the stop words that
 *      only score; each a quoted lexeme ('word' or 'word':*), built from letters, digits and marks only
 *   ?2 how many of ?1 select rows
 *   ?3 topK
 *   ?4 documentIds (JSON array) or null, ?5 collections (JSON array) or null
 *   ?6 the proximity query (every selecting word, ANDed) or null: rows whose words stand close score more
 */
const WORDS = `
  words AS MATERIALIZED (
    SELECT u.ord, u.ord <= ?2 AS selects, u.w, to_tsquery('${KEYWORD_CONFIG}', u.w) AS q
    FROM json_array_elements_text(?1::json) WITH ORDINALITY AS u(w, ord)
  ),
  counted AS MATERIALIZED (
    SELECT w.*, (SELECT count(*) FROM (SELECT 1 FROM chunks c WHERE c.tsv @@ w.q LIMIT ${RANK_BUDGET + 1}) x) AS n
    FROM words w
  ),
  total AS (
    SELECT greatest(
      (SELECT reltuples FROM pg_class WHERE oid = 'chunks'::regclass)::float8,
      (SELECT count(*) FROM (SELECT 1 FROM chunks LIMIT ${TOTAL_PROBE}) x)::float8, 1) AS n
  ),
  weighted AS MATERIALIZED (
    SELECT c.ord, c.selects, c.w, c.q,
      ln((greatest(t.n, e.n) - e.n + 0.5) / (e.n + 0.5) + 1) AS idf,
      c.selects AND sum(c.n) OVER (PARTITION BY c.selects ORDER BY c.n, c.ord) <= ${RANK_BUDGET} AS picked
    FROM counted c CROSS JOIN total t
    -- A word counted only up to the budget is taken to be in half of the rows past it: its idf is small either way.
    CROSS JOIN LATERAL (SELECT CASE WHEN c.n > ${RANK_BUDGET} THEN (c.n + t.n) / 2 ELSE c.n END::float8 AS n) e
  ),
  proximity AS (
    SELECT to_tsquery('${KEYWORD_CONFIG}', ?6) AS q, (SELECT sum(idf) FROM weighted WHERE selects) AS idf
  )`;

const FILTERS = `
  d.status = 'indexed'
  AND (?4::text IS NULL OR c.document_id IN (SELECT json_array_elements_text(?4::json)))
  AND (?5::text IS NULL OR d.collection IN (SELECT json_array_elements_text(?5::json)))`;

/**
 * BM25-like score of each candidate: the idf-weighted ts_rank of each word (title weight A above body B, repeats
 * counting less and less, long passages scaled down), plus, with a proximity query, ts_rank_cd of all the words
 * together weighted by their idf: cover density, high where the words stand close, nothing where one is missing.
 * `complete`: every selecting word fitted the budget, so every row holding one was a candidate.
 */
const RANKED = `
  SELECT cand.id AS chunk_id, cand.document_id, s.score / (1 + s.score) AS score,
    (SELECT bool_and(picked) FROM weighted WHERE selects) AS complete
  FROM cand CROSS JOIN proximity p
  CROSS JOIN LATERAL (
    SELECT (SELECT sum(w.idf * ts_rank(cand.tsv, w.q, ${NORMALIZATION})) FROM weighted w)
      + coalesce(p.idf * ts_rank_cd(cand.tsv, p.q, ${NORMALIZATION}), 0) AS score
  ) s
  ORDER BY s.score DESC, cand.seq
  LIMIT ?3`;

/**
 * One statement per search: counts each word's rows (up to the budget, through the GIN index), picks the rarest
 * words that fit the budget, and ranks the indexed rows holding one of them by the whole query. The candidate
 * tsquery is computed inside the statement, so PostgreSQL plans it as a GIN bitmap scan.
 */
export const BUDGET_SEARCH = `
  WITH ${WORDS},
  cand AS (
    SELECT c.seq, c.id, c.document_id, c.tsv FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.tsv @@ (SELECT to_tsquery('${KEYWORD_CONFIG}', string_agg(w, ' | ')) FROM weighted WHERE picked)
      AND ${FILTERS}
  )
  ${RANKED}`;

/**
 * The newest SCAN_LIMIT indexed rows matching ?7 (every word, or any word), ranked as BUDGET_SEARCH ranks: the
 * tiers a search falls back on when its words are too common for the budget (and `all` mode).
 */
export const SCAN_SEARCH = `
  WITH ${WORDS},
  cand AS (
    SELECT c.seq, c.id, c.document_id, c.tsv FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.tsv @@ to_tsquery('${KEYWORD_CONFIG}', ?7) AND ${FILTERS}
    ORDER BY c.seq DESC LIMIT ${SCAN_LIMIT}
  )
  ${RANKED}`;
