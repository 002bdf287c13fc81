import type { SqlDatabase } from './sql/SqlDatabase';
import { toDocument, toHearthError, type Row } from './catalogRows';
import type { DocumentRecord } from './catalogTypes';

/** Where a version came from: the first ingestion, a watched file, or an object replaced in the bucket. */
export type VersionOrigin = 'ingest' | 'disk' | 'bucket';
/** pending → embedding → current → superseded; pending and embedding are revisions in flight. */
export type VersionStatus = 'pending' | 'embedding' | 'current' | 'superseded';

export interface DocumentVersionRecord {
  documentId: string;
  version: number;
  sha256: string | null;
  size: number;
  objectKey: string | null;
  /** The object's ETag as Hearth wrote it, so the bucket watcher can tell Hearth's own writes; null if unknown. */
  etag: string | null;
  origin: VersionOrigin;
  status: VersionStatus;
  createdAt: number;
}

/** The version history of documents, and revisions in flight. Reached through `Catalog.versions`. */
export class DocumentVersions {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  /** A document's versions, newest first. */
  list(documentId: string): DocumentVersionRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM document_versions WHERE document_id = ? ORDER BY version DESC')
      .all(documentId) as Row[];
    return rows.map(toVersion);
  }

  get(documentId: string, version: number): DocumentVersionRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM document_versions WHERE document_id = ? AND version = ?')
      .get(documentId, version) as Row | undefined;
    return row ? toVersion(row) : undefined;
  }

  /** Revisions a crash may have interrupted. */
  inFlight(): DocumentVersionRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM document_versions WHERE status IN ('pending', 'embedding') ORDER BY created_at`)
      .all() as Row[];
    return rows.map(toVersion);
  }

  /** Records the document's present content as its current version unless a row has it already. */
  recordCurrent(doc: DocumentRecord, origin: VersionOrigin = 'ingest'): void {
    this.#write('record version', () =>
      this.db
        .prepare(
          `INSERT INTO document_versions
             (document_id, version, sha256, size, object_key, origin, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'current', ?) ON CONFLICT DO NOTHING`,
        )
        .run(doc.id, doc.version, doc.sha256, doc.size, doc.objectKey, origin, doc.updatedAt),
    );
  }

  /** A revision about to start (status pending). */
  begin(v: Omit<DocumentVersionRecord, 'status' | 'createdAt' | 'etag'>): void {
    this.#write('begin version', () =>
      this.db
        .prepare(
          `INSERT INTO document_versions
             (document_id, version, sha256, size, object_key, origin, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)
           ON CONFLICT (document_id, version) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
             object_key = excluded.object_key, etag = NULL, origin = excluded.origin, status = excluded.status,
             created_at = excluded.created_at`,
        )
        .run(v.documentId, v.version, v.sha256, v.size, v.objectKey, v.origin, this.now()),
    );
  }

  setEtag(documentId: string, version: number, etag: string): void {
    this.db
      .prepare('UPDATE document_versions SET etag = ? WHERE document_id = ? AND version = ?')
      .run(etag, documentId, version);
  }

  /** Moves a version on; making one current supersedes the others. Call inside the commit's transaction. */
  setStatus(documentId: string, version: number, status: VersionStatus): void {
    if (status === 'current' || status === 'embedding') {
      this.db
        .prepare(
          `UPDATE document_versions SET status = 'superseded'
           WHERE document_id = ? AND version <> ? AND status = 'current'`,
        )
        .run(documentId, version);
    }
    this.db
      .prepare('UPDATE document_versions SET status = ? WHERE document_id = ? AND version = ?')
      .run(status, documentId, version);
  }

  /** The version's original was deleted (only the newest version's original is kept). */
  forgetObject(documentId: string, version: number): void {
    this.db
      .prepare('UPDATE document_versions SET object_key = NULL, etag = NULL WHERE document_id = ? AND version = ?')
      .run(documentId, version);
  }

  remove(documentId: string, version: number): void {
    this.db.prepare('DELETE FROM document_versions WHERE document_id = ? AND version = ?').run(documentId, version);
  }

  /** Highest version number known for the document (rows or the document itself). */
  latest(documentId: string): number {
    const row = this.db
      .prepare(
        `SELECT max(v) AS v FROM (SELECT max(version) AS v FROM document_versions WHERE document_id = ?1
         UNION ALL SELECT version FROM documents WHERE id = ?1) AS known`,
      )
      .get(documentId) as Row;
    return Number(row['v'] ?? 0);
  }

  /** The document whose current original is stored under this key. */
  documentByObjectKey(key: string): DocumentRecord | undefined {
    const row = this.db.prepare('SELECT * FROM documents WHERE object_key = ? LIMIT 1').get(key) as Row | undefined;
    return row ? toDocument(row) : undefined;
  }

  #write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toHearthError(error, what);
    }
  }
}

function toVersion(r: Row): DocumentVersionRecord {
  return {
    documentId: String(r['document_id']),
    version: Number(r['version']),
    sha256: r['sha256'] === null ? null : String(r['sha256']),
    size: Number(r['size']),
    objectKey: r['object_key'] === null ? null : String(r['object_key']),
    etag: r['etag'] === null ? null : String(r['etag']),
    origin: String(r['origin']) as VersionOrigin,
    status: String(r['status']) as VersionStatus,
    createdAt: Number(r['created_at']),
  };
}
