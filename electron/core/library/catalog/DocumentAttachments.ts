import type { SqlDatabase } from './sql/SqlDatabase';
import { toDocument, toHearthError, toJob, type Row } from './catalogRows';
import type { DocumentRecord, JobRecord } from './catalogTypes';
import { jsonFieldSql, nameSortSql } from './sql/sqlDialect';
import { sqlTransaction } from './sqlTransaction';

/** An attachment of an email that did not become a document of its own, and why. */
export interface SkippedAttachment {
  name: string;
  reason: string;
}

/**
 * An email's attachments in the catalogue: the child documents that point at it (`documents.parent_id`) and the
 * attachments it holds that were not indexed (an image, a type Hearth cannot read), listed with their reason.
 */
export class DocumentAttachments {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** The documents attached to `parentId`, in name order. */
  children(parentId: string): DocumentRecord[] {
    const rows = this.#db
      .prepare(`SELECT * FROM documents WHERE parent_id = ? ORDER BY ${nameSortSql(this.#db.dialect, 'name')}, id`)
      .all(parentId) as Row[];
    return rows.map(toDocument);
  }

  /**
   * The documents `parentId`'s attachments became: its children, and the documents an attachment turned out to
   * duplicate (content already indexed, so its job links there instead of making a second copy), in name order.
   */
  linked(parentId: string): DocumentRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM documents WHERE parent_id = ?1 OR id IN
           (SELECT document_id FROM ingestion_jobs WHERE ${jsonFieldSql(this.#db.dialect, 'input', 'parentId')} = ?1)
         ORDER BY ${nameSortSql(this.#db.dialect, 'name')}, id`,
      )
      .all(parentId) as Row[];
    return rows.map(toDocument);
  }

  /** The ingestion jobs of `parentId`'s attachments, whatever stage they stand at. */
  jobs(parentId: string): JobRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM ingestion_jobs WHERE ${jsonFieldSql(this.#db.dialect, 'input', 'parentId')} = ?
         ORDER BY created_at, id`,
      )
      .all(parentId) as Row[];
    return rows.map(toJob);
  }

  /** The attachments of `parentId` that were not indexed, in the order the mail holds them. */
  skipped(parentId: string): SkippedAttachment[] {
    const rows = this.#db
      .prepare('SELECT name, reason FROM skipped_attachments WHERE parent_id = ? ORDER BY ordinal')
      .all(parentId) as Row[];
    return rows.map((r) => ({ name: String(r['name']), reason: String(r['reason']) }));
  }

  /** Replaces the list of attachments not indexed, all at once (a re-parse of the mail writes it again). */
  replaceSkipped(parentId: string, skipped: readonly SkippedAttachment[]): void {
    try {
      sqlTransaction(this.#db, () => {
        this.#db.prepare('DELETE FROM skipped_attachments WHERE parent_id = ?').run(parentId);
        const insert = this.#db.prepare(
          'INSERT INTO skipped_attachments (parent_id, ordinal, name, reason) VALUES (?, ?, ?, ?)',
        );
        skipped.forEach((s, n) => insert.run(parentId, n, s.name, s.reason));
      });
    } catch (error) {
      throw toHearthError(error, 'list attachments not indexed');
    }
  }
}
