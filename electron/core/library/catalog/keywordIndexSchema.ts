import type { DatabaseSync } from 'node:sqlite';
import { registerKeywordFunctions } from './keywordText';

/** Title (document name and headings) weighs this much more than body text in BM25. */
const TITLE_WEIGHT = 3;

/** Every chunk's index row, from its text, its headings and its document's name: the backfill and the repair. */
export const FILL_KEYWORD_INDEX_SQL = `
  INSERT INTO chunks_fts (rowid, title, body)
    SELECT c.seq, hearth_keyword_title(d.name, c.provenance), hearth_keyword_text(c.text)
    FROM chunks c JOIN documents d ON d.id = c.document_id`;

/**
 * Replaces the first keyword index (unicode61 over chunk text) with one that stems English (porter), keeps combining
 * marks inside words (Thai, Devanagari), has a title column weighted above the body, and indexes unspaced scripts
 * cut into words (keywordText). It is contentless (the text lives once, in chunks) with contentless_delete, so the
 * delete triggers need no JavaScript; the insert triggers call the functions registerKeywordFunctions adds. Backfilled
 * from the chunks in the same transaction as the migration step.
 */
export function createKeywordIndexV2(db: DatabaseSync): void {
  registerKeywordFunctions(db);
  const row = (alias: string): string =>
    `hearth_keyword_title((SELECT name FROM documents WHERE id = ${alias}.document_id), ${alias}.provenance),
     hearth_keyword_text(${alias}.text)`;
  db.exec(`
    DROP TRIGGER IF EXISTS chunks_fts_insert;
    DROP TRIGGER IF EXISTS chunks_fts_delete;
    DROP TRIGGER IF EXISTS chunks_fts_update;
    DROP TABLE IF EXISTS chunks_fts;
    CREATE VIRTUAL TABLE chunks_fts USING fts5(
      title, body, content = '', contentless_delete = 1,
      tokenize = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    );
    INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(${TITLE_WEIGHT}, 1)');
    CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
      INSERT INTO chunks_fts (rowid, title, body) VALUES (new.seq, ${row('new')});
    END;
    CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
      DELETE FROM chunks_fts WHERE rowid = old.seq;
    END;
    CREATE TRIGGER chunks_fts_update AFTER UPDATE OF text, provenance ON chunks BEGIN
      DELETE FROM chunks_fts WHERE rowid = old.seq;
      INSERT INTO chunks_fts (rowid, title, body) VALUES (new.seq, ${row('new')});
    END;
    -- A renamed document's chunks carry the new name in their title column.
    CREATE TRIGGER chunks_fts_rename AFTER UPDATE OF name ON documents WHEN old.name IS NOT new.name BEGIN
      DELETE FROM chunks_fts WHERE rowid IN (SELECT seq FROM chunks WHERE document_id = new.id);
      INSERT INTO chunks_fts (rowid, title, body)
        SELECT seq, hearth_keyword_title(new.name, provenance), hearth_keyword_text(text)
        FROM chunks WHERE document_id = new.id;
    END;
    ${FILL_KEYWORD_INDEX_SQL};
  `);
}
