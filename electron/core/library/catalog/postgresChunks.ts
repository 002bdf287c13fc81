import type { ChunkRecord } from './catalogTypes';
import { keywordText, keywordTitle } from './keywordText';
import type { SqlDatabase } from './sql/SqlDatabase';

/**
 * Writes chunks to a PostgreSQL catalogue with the keyword text its generated tsvector indexes: the title (document
 * name and headings, weighted above the body) and the body segmented where a script has no spaces (keywordText);
 * the body is stored only when segmenting changed it. SQLite computes the same in its triggers.
 */
export function insertPostgresChunks(
  db: SqlDatabase,
  documentId: string,
  version: number,
  records: readonly ChunkRecord[],
): void {
  const name = db.prepare('SELECT name FROM documents WHERE id = ?').get(documentId)?.['name'];
  const insert = db.prepare(
    `INSERT INTO chunks (id, document_id, version, ordinal, text, provenance, token_count, ocr, kw_title, kw_body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of records) {
    const provenance = JSON.stringify(c.provenance);
    const body = keywordText(c.text);
    insert.run(
      c.id,
      documentId,
      version,
      c.ordinal,
      c.text,
      provenance,
      c.tokenCount,
      c.ocr ? JSON.stringify(c.ocr) : null,
      keywordTitle(typeof name === 'string' ? name : null, provenance),
      body === c.text ? null : body,
    );
  }
}

/** A renamed document's chunks get the new title (their keyword rows follow: the tsvector is generated). */
export function retitlePostgresChunks(db: SqlDatabase, documentId: string, name: string): void {
  const rows = db.prepare('SELECT seq, provenance FROM chunks WHERE document_id = ?').all(documentId);
  const update = db.prepare('UPDATE chunks SET kw_title = ? WHERE seq = ?');
  for (const r of rows) update.run(keywordTitle(name, String(r['provenance'])), Number(r['seq']));
}
