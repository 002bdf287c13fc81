import type { Row } from './catalogRows';
import type { ChunkRecord } from './catalogTypes';
import { foldLatinAccents, keywordText, keywordTitle } from './keywordText';
import type { SqlDatabase } from './sql/SqlDatabase';

/** Chunks whose keyword text one rebuild statement rewrites. */
const REBUILD_BATCH = 500;

/**
 * The keyword text of a chunk on PostgreSQL: the title (document name and headings, weighted above the body) and the
 * body, both segmented where a script has no spaces (keywordText) and without Latin accents (foldLatinAccents). The
 * body is null when it is the chunk's text unchanged (the generated tsvector reads the text then).
 */
function postgresKeywordColumns(
  name: string | null,
  provenanceJson: string,
  text: string,
): { title: string; body: string | null } {
  const body = foldLatinAccents(keywordText(text));
  return { title: foldLatinAccents(keywordTitle(name, provenanceJson)), body: body === text ? null : body };
}

/**
 * Writes chunks to a PostgreSQL catalogue with the keyword text its generated tsvector indexes
 * (postgresKeywordColumns). SQLite computes the same in its triggers.
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
    const keywords = postgresKeywordColumns(typeof name === 'string' ? name : null, provenance, c.text);
    insert.run(
      c.id,
      documentId,
      version,
      c.ordinal,
      c.text,
      provenance,
      c.tokenCount,
      c.ocr ? JSON.stringify(c.ocr) : null,
      keywords.title,
      keywords.body,
    );
  }
}

/** A renamed document's chunks get the new title (their keyword rows follow: the tsvector is generated). */
export function retitlePostgresChunks(db: SqlDatabase, documentId: string, name: string): void {
  const rows = db.prepare('SELECT seq, provenance FROM chunks WHERE document_id = ?').all(documentId);
  const update = db.prepare('UPDATE chunks SET kw_title = ? WHERE seq = ?');
  for (const r of rows) update.run(postgresKeywordColumns(name, String(r['provenance']), '').title, Number(r['seq']));
}

/**
 * Writes every chunk's keyword text again from its document's name, its headings and its text, a batch of chunks
 * per statement: the repair for keyword text written by an older or faulty version (the tsvector follows).
 */
export function rewritePostgresKeywordText(db: SqlDatabase): void {
  const page = db.prepare(
    `SELECT c.seq, c.provenance, c.text, d.name FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.seq > ? ORDER BY c.seq LIMIT ${REBUILD_BATCH}`,
  );
  const update = db.prepare(
    `UPDATE chunks c SET kw_title = v.title, kw_body = v.body
     FROM json_to_recordset(?::json) AS v(seq bigint, title text, body text)
     WHERE c.seq = v.seq AND (c.kw_title, c.kw_body) IS DISTINCT FROM (v.title, v.body)`,
  );
  for (let after = 0; ;) {
    const rows = page.all(after) as Row[];
    if (rows.length === 0) return;
    const values = rows.map((r) => ({
      seq: Number(r['seq']),
      ...postgresKeywordColumns(String(r['name']), String(r['provenance']), String(r['text'])),
    }));
    update.run(JSON.stringify(values));
    after = Number(rows.at(-1)!['seq']);
  }
}
