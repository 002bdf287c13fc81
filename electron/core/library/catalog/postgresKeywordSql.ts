import { KEYWORD_CONFIG } from './postgresCatalogSchema';

/**
 * Rows one search scores at most, as a budget spent on the rarest words first (as KeywordIndex's RANK_BUDGET on
 * SQLite): a word in more rows than is left of it selects no row, it only scores.
 */
const RANK_BUDGET = 1000;
/** Newest rows a scan tier (every word, any word) ranks at most, when the budget picked too few rows. */
const SCAN_LIMIT = 4000;
/** Scan tiers fully score this many rows per hit asked for (see scanSearch)… */
const PRERANK_FACTOR = 4;
/** …and at least this many. */
const PRERANK_MIN = 100;
/**
 * A word found in a row as written (not only through its stem) scores this much more: "runs" puts the passage that
 * says runs above the one that says running, as the exact-form column does on SQLite.
 */
const EXACT_BONUS = 0.5;
/** Rows the exact-form bonus may reorder: PRERANK_FACTOR × topK of the best, and at least this many. */
const EXACT_MIN = 40;
/** Rows counted to size the catalogue for idf when PostgreSQL's own estimate (pg_class.reltuples) is not there yet. */
const TOTAL_PROBE = 2000;
/** ts_rank / ts_rank_cd normalisation: divide by log2(1 + length), the length term of BM25. */
const NORMALIZATION = 1;

/*
 * The statements are built for a number of words (the query's, stop words included), since each word is one term of
 * the score; PostgresDatabase prepares each text once per connection.
 *
 * How many rows hold a word: ANALYZE's share for the most common lexemes (PostgreSQL's own planner statistics, so an
 * everyday word costs no count), otherwise counted through the GIN index up to the budget; idf from that and the
 * table's size. Parameters shared by both statements:
 *   ?1 the query's words as tsquery operands (JSON array): the words that select rows first, then the stop words that
 *      only score; each a quoted lexeme ('word' or 'word':*), built from letters, digits and marks only
 *   ?2 how many of ?1 select rows
 *   ?3 topK
 *   ?4 documentIds (JSON array) or null, ?5 collections (JSON array) or null
 *   ?6 the proximity query (every selecting word, ANDed) or null: rows whose words stand close score more
 *   ?7 per word of ?1 (JSON array), a regular expression finding it as written, or null (see EXACT_BONUS)
 */
const WORDS = `
  total AS MATERIALIZED (
    SELECT greatest(
      (SELECT reltuples FROM pg_class WHERE oid = 'chunks'::regclass)::float8,
      (SELECT count(*) FROM (SELECT 1 FROM chunks LIMIT ${TOTAL_PROBE}) x)::float8, 1) AS n
  ),
  stats AS MATERIALIZED (
    SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS shares FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'chunks' AND attname = 'tsv'
  ),
  words AS MATERIALIZED (
    SELECT u.ord, u.ord <= ?2 AS selects, u.w, to_tsquery('${KEYWORD_CONFIG}', u.w) AS q,
      -- A one-lexeme word among the most common lexemes ANALYZE found: its share of the rows, without counting.
      CASE WHEN u.w NOT LIKE '%:*' AND cardinality(l.lexemes) = 1
        THEN (SELECT s.shares[array_position(s.lexemes, l.lexemes[1])] FROM stats s) END AS share
    FROM json_array_elements_text(?1::json) WITH ORDINALITY AS u(w, ord)
    CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector('${KEYWORD_CONFIG}', u.w)) AS lexemes) l
  ),
  counted AS MATERIALIZED (
    SELECT w.ord, w.selects, w.w, w.q,
      CASE WHEN w.share IS NOT NULL THEN w.share * t.n
        ELSE (SELECT count(*) FROM (SELECT 1 FROM chunks c WHERE c.tsv @@ w.q LIMIT ${RANK_BUDGET + 1}) x) END AS n
    FROM words w CROSS JOIN total t
  ),
  weighted AS MATERIALIZED (
    SELECT c.ord, c.selects, c.w, c.q,
      ln((greatest(t.n, e.n) - e.n + 0.5) / (e.n + 0.5) + 1) AS idf,
      c.selects AND sum(c.n) OVER (PARTITION BY c.selects ORDER BY c.n, c.ord) <= ${RANK_BUDGET} AS picked
    FROM counted c CROSS JOIN total t
    -- A word counted only up to the budget is taken to be in half of the rows past it: its idf is small either way.
    CROSS JOIN LATERAL (
      SELECT CASE WHEN c.n = ${RANK_BUDGET + 1} THEN (c.n + t.n) / 2 ELSE c.n END::float8 AS n
    ) e
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
 * Scored once per row (a materialized step), then cut to topK. `complete`: every selecting word fitted the budget,
 * so every row holding one was a candidate.
 */
function ranked(words: number): string {
  const each = (term: (i: number) => string): string =>
    Array.from({ length: words }, (_, i) => term(i + 1)).join('\n      + ');
  // One term per word, written out: a per-row subquery over the words cost more than the ranking itself.
  const terms = each((i) => `v.idfs[${i}] * ts_rank(cand.tsv, v.qs[${i}], ${NORMALIZATION})`);
  const written = `(c.kw_title || ' ' || coalesce(c.kw_body, c.text))`;
  const exact = each(
    (i) =>
      `CASE WHEN v.exact[${i}] IS NOT NULL AND c.tsv @@ v.qs[${i}] AND ${written} ~* v.exact[${i}]
        THEN ${EXACT_BONUS} * v.idfs[${i}] * ts_rank(c.tsv, v.qs[${i}], ${NORMALIZATION}) ELSE 0 END`,
  );
  return `
  vectors AS MATERIALIZED (
    SELECT array_agg(q ORDER BY ord) AS qs, array_agg(idf ORDER BY ord) AS idfs,
      (SELECT array_agg(x ORDER BY ord) FROM json_array_elements_text(?7::json) WITH ORDINALITY AS e(x, ord)) AS exact
    FROM weighted
  ),
  scored AS MATERIALIZED (
    SELECT cand.seq, cand.id, cand.document_id, ${terms}
      -- Cover density only where every word is there (a cheap test first: ts_rank_cd walks every position).
      + CASE WHEN cand.tsv @@ p.q THEN p.idf * ts_rank_cd(cand.tsv, p.q, ${NORMALIZATION}) ELSE 0 END AS score
    FROM cand CROSS JOIN proximity p CROSS JOIN vectors v
  ),
  best AS MATERIALIZED (
    SELECT * FROM scored ORDER BY score DESC, seq LIMIT greatest(?3 * ${PRERANK_FACTOR}, ${EXACT_MIN})
  ),
  -- Forms as written, among the best rows only: a regular expression over each row's text is the costly part.
  final AS (
    SELECT b.seq, b.id, b.document_id, b.score + ${exact} AS score
    FROM best b JOIN chunks c ON c.seq = b.seq CROSS JOIN vectors v
  )
  SELECT id AS chunk_id, document_id, score / (1 + score) AS score,
    (SELECT bool_and(picked) FROM weighted WHERE selects) AS complete
  FROM final
  ORDER BY final.score DESC, seq
  LIMIT ?3`;
}

/**
 * One statement per search: counts each word's rows (up to the budget, through the GIN index), picks the rarest
 * words that fit the budget, and ranks the indexed rows holding one of them by the whole query. The candidate
 * tsquery is computed inside the statement, so PostgreSQL plans it as a GIN bitmap scan.
 */
export const budgetSearch = (words: number): string => `
  WITH ${WORDS},
  cand AS (
    SELECT c.seq, c.id, c.document_id, c.tsv FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.tsv @@ (SELECT to_tsquery('${KEYWORD_CONFIG}', string_agg(w, ' | ')) FROM weighted WHERE picked)
      AND ${FILTERS}
  ),
  ${ranked(words)}`;

/**
 * The newest SCAN_LIMIT indexed rows matching ?8 (every word, or any word), ranked as budgetSearch ranks: the
 * tiers a search falls back on when its words are too common for the budget (and `all` mode). Scoring a row costs
 * one ts_rank per word and a ts_rank_cd, so the rows are first cut to the PRERANK_FACTOR × topK (at least PRERANK_MIN)
 * of highest ts_rank for ?8 itself, one call each: the words of these tiers are all common, so their idf differ
 * little. (ts_rank_cd alone costs three times ts_rank on everyday words, whose positions are many.)
 */
export const scanSearch = (words: number): string => `
  WITH ${WORDS},
  matched AS (
    SELECT c.seq, c.id, c.document_id, c.tsv FROM chunks c JOIN documents d ON d.id = c.document_id
    WHERE c.tsv @@ to_tsquery('${KEYWORD_CONFIG}', ?8) AND ${FILTERS}
    ORDER BY c.seq DESC LIMIT ${SCAN_LIMIT}
  ),
  cand AS (
    SELECT * FROM matched
    ORDER BY ts_rank(tsv, to_tsquery('${KEYWORD_CONFIG}', ?8), ${NORMALIZATION}) DESC, seq
    LIMIT greatest(?3 * ${PRERANK_FACTOR}, ${PRERANK_MIN})
  ),
  ${ranked(words)}`;
