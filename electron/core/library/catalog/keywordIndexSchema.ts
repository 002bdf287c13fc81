import type { DatabaseSync } from 'node:sqlite';
import { registerKeywordFunctions } from './keywordText';

/** The index's columns and their bm25 weights, per version of it (catalogue migrations 7 and 10). */
const LAYOUTS = {
  /** Title weighted 3x. */
  2: { columns: 'title, body', weights: '3, 1' },
  /**
   * Adds the unstemmed words (keywordExact) in a column of their own at half weight, so a word in exactly the query's
   * form scores above its stem's other forms without drowning the stem (weights measured on the retrieval bench).
   */
  3: { columns: 'title, body, exact', weights: '3, 1, 0.5' },
} as const;

type LayoutVersion = keyof typeof LAYOUTS;

function rowValues(version: LayoutVersion, name: string, provenance: string, text: string): string {
  const title = `hearth_keyword_title(${name}, ${provenance})`;
  const base = `${title}, hearth_keyword_text(${text})`;
  // The exact column holds the title's words and the body's, so neither loses to the other for being written out.
  return version === 2 ? base : `${base}, hearth_keyword_exact(${title} || ' ' || ${text})`;
}

function fillSql(version: LayoutVersion): string {
  return `
  INSERT INTO chunks_fts (rowid, ${LAYOUTS[version].columns})
    SELECT c.seq, ${rowValues(version, 'd.name', 'c.provenance', 'c.text')}
    FROM chunks c JOIN documents d ON d.id = c.document_id`;
}

/** Every chunk's index row, from its text, its headings and its document's name: the backfill and the repair. */
export const FILL_KEYWORD_INDEX_SQL = fillSql(3);

/**
 * Replaces the first keyword index (unicode61 over chunk text) with one that stems English (porter), keeps combining
 * marks inside words (Thai, Devanagari), has a title column weighted above the body, and indexes unspaced scripts
 * cut into words (keywordText). It is contentless (the text lives once, in chunks) with contentless_delete, so the
 * delete triggers need no JavaScript; the insert triggers call the functions registerKeywordFunctions adds. Backfilled
 * from the chunks in the same transaction as the migration step.
 */
export function createKeywordIndexV2(db: DatabaseSync): void {
  createKeywordIndex(db, 2);
}

/**
 * Keyword index v3: v2 plus a column of the unstemmed words (see LAYOUTS), rebuilt and backfilled from the chunks.
 * Stemming alone merges a rare word into a common stem ("outputs" into the 700 rows of "output"), which costs
 * ranking most on paraphrased questions.
 */
export function createKeywordIndexV3(db: DatabaseSync): void {
  createKeywordIndex(db, 3);
}

function createKeywordIndex(db: DatabaseSync, version: LayoutVersion): void {
  registerKeywordFunctions(db);
  const { columns, weights } = LAYOUTS[version];
  const row = (alias: string): string =>
    rowValues(
      version,
      `(SELECT name FROM documents WHERE id = ${alias}.document_id)`,
      `${alias}.provenance`,
      `${alias}.text`,
    );
  db.exec(`
    DROP TRIGGER IF EXISTS chunks_fts_insert;
    DROP TRIGGER IF EXISTS chunks_fts_delete;
    DROP TRIGGER IF EXISTS chunks_fts_update;
    DROP TRIGGER IF EXISTS chunks_fts_rename;
    DROP TABLE IF EXISTS chunks_fts;
    CREATE VIRTUAL TABLE chunks_fts USING fts5(
      ${columns}, content = '', contentless_delete = 1,
      tokenize = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    );
    INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(${weights})');
    CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
      INSERT INTO chunks_fts (rowid, ${columns}) VALUES (new.seq, ${row('new')});
    END;
    CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
      DELETE FROM chunks_fts WHERE rowid = old.seq;
    END;
    CREATE TRIGGER chunks_fts_update AFTER UPDATE OF text, provenance ON chunks BEGIN
      DELETE FROM chunks_fts WHERE rowid = old.seq;
      INSERT INTO chunks_fts (rowid, ${columns}) VALUES (new.seq, ${row('new')});
    END;
    -- A renamed document's chunks carry the new name in their title column.
    CREATE TRIGGER chunks_fts_rename AFTER UPDATE OF name ON documents WHEN old.name IS NOT new.name BEGIN
      DELETE FROM chunks_fts WHERE rowid IN (SELECT seq FROM chunks WHERE document_id = new.id);
      INSERT INTO chunks_fts (rowid, ${columns})
        SELECT seq, ${rowValues(version, 'new.name', 'provenance', 'text')} FROM chunks WHERE document_id = new.id;
    END;
    ${fillSql(version)};
  `);
}
