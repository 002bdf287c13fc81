import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { HearthError } from '../../../shared/errors';
import { OcrMarksSchema } from '../../../shared/ocrMarks';
import type { CatalogOptions } from './CatalogOptions';
import { PATCH_COLUMNS } from './CatalogOptions';
import { migrateCatalog } from './catalogMigrations';
import { toChunk, toDocument, toHearthError } from './catalogRows';
import type { Row } from './catalogRows';
import type {
  ChunkRecord,
  DocumentPatch,
  DocumentRecord,
  DocumentStatus,
  KeywordHit,
  KeywordSearchOptions,
  NewChunk,
  NewDocument,
} from './catalogTypes';
import { ProvenanceSchema } from './catalogTypes';
import { IngestionJobs } from './IngestionJobs';
import { LeaderLeases } from './LeaderLeases';
import { KeywordIndex } from './KeywordIndex';
import type { KeywordSearch } from './KeywordSearch';
import { registerKeywordFunctions } from './keywordText';
import { insertPostgresChunks, retitlePostgresChunks } from './postgresChunks';
import { PostgresKeywordIndex } from './PostgresKeywordIndex';
import { openPostgresCatalog } from './postgresCatalogSchema';
import type { SqlDatabase, SqlStatement } from './sql/SqlDatabase';
import { SqliteDatabase } from './sql/SqliteDatabase';
import { VectorIndexes } from './VectorIndexes';
import { Conversations } from './Conversations';
import { Collections } from './Collections';
import { WatchedFolders } from './WatchedFolders';
import { DocumentVersions } from './DocumentVersions';
import { ReembedRuns } from './ReembedRuns';
import { EmbedTimings } from './EmbedTimings';
import { DocumentListing } from './DocumentListing';
import { DocumentAttachments } from './DocumentAttachments';
import { sqlTransaction } from './sqlTransaction';
import { replaceCatalog, snapshotCatalog, type ReplaceResult } from './catalogSnapshot';

const CATALOG_FILE = 'catalog.db';

export type { CatalogOptions } from './CatalogOptions';

/**
 * The library catalogue: documents, their chunks (with provenance), the keyword index over chunk text and the
 * ingestion jobs, in one SQLite file. Every multi-row write is one transaction, so a kill -9 leaves either the
 * old state or the new one, never a document whose chunks and keyword rows disagree.
 */
export class Catalog {
  readonly jobs: IngestionJobs;
  /** Work only one replica may do at a time (following the bucket), each led by one holder with a lease. */
  readonly leaders: LeaderLeases;
  readonly indexes: VectorIndexes;
  readonly conversations: Conversations;
  /** Collections as a table of their own (`collections()` lists just the names). */
  readonly collectionTable: Collections;
  readonly folders: WatchedFolders;
  readonly versions: DocumentVersions;
  readonly reembeds: ReembedRuns;
  /** How fast this computer embeds passages, per model (the embedding switch's re-embed estimate). */
  readonly embedTimings: EmbedTimings;
  /** Pages, counts and re-reads of documents for the Library screen. */
  readonly listing: DocumentListing;
  /** An email's attachments: its child documents and those not indexed. */
  readonly attachments: DocumentAttachments;
  readonly path: string;
  private readonly keywords: KeywordSearch;
  /**
   * SQLite: changes since open (this connection) and data_version (others), so a cached count is good while both
   * stand. PostgreSQL has no such stamp; there the count is asked each time (an index-only scan).
   */
  private readonly changeStamp: SqlStatement | undefined;
  private chunkTotal: { key: string; n: number } | undefined;
  private readonly db: SqlDatabase;
  private readonly now: () => number;

  private constructor(db: SqlDatabase, path: string, now: () => number, replica: CatalogOptions['replica']) {
    this.db = db;
    this.path = path;
    this.now = now;
    this.jobs = new IngestionJobs(db, now, replica);
    this.leaders = new LeaderLeases(db, now);
    this.indexes = new VectorIndexes(db, now);
    this.conversations = new Conversations(db, now);
    this.collectionTable = new Collections(db, now);
    this.folders = new WatchedFolders(db, now);
    this.versions = new DocumentVersions(db, now);
    this.reembeds = new ReembedRuns(db, now);
    this.embedTimings = new EmbedTimings(db, now);
    this.listing = new DocumentListing(db);
    this.attachments = new DocumentAttachments(db);
    this.keywords = db.dialect === 'sqlite' ? new KeywordIndex(db) : new PostgresKeywordIndex(db);
    this.changeStamp =
      db.dialect === 'sqlite'
        ? db.prepare('SELECT total_changes() AS t, (SELECT data_version FROM pragma_data_version) AS v')
        : undefined;
  }

  /** Which engine holds the catalogue: the desktop's SQLite file or a team server's PostgreSQL. */
  get dialect(): SqlDatabase['dialect'] {
    return this.db.dialect;
  }

  /** Runs `fn` as one transaction (nested catalogue writes join it): a revision commits all of its rows at once. */
  transaction<T>(fn: () => T): T {
    return this.write('transaction', () => sqlTransaction(this.db, fn));
  }

  /** Opens (creating if needed) and migrates the catalogue forward. */
  static open(options: CatalogOptions): Catalog {
    if (options.postgres) return Catalog.openPostgres(options, options.postgres);
    mkdirSync(options.dataDir, { recursive: true });
    const path = join(options.dataDir, CATALOG_FILE);
    const db = new DatabaseSync(path);
    try {
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      // WAL: readers never block the writer, and a torn write is rolled back from the log on the next open.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA foreign_keys = ON');
      // Before migrating: the keyword-index triggers call these on every chunk write.
      registerKeywordFunctions(db);
      migrateCatalog(db);
    } catch (error) {
      db.close();
      throw toHearthError(error, 'open catalogue');
    }
    return new Catalog(new SqliteDatabase(db), path, options.now ?? Date.now, options.replica);
  }

  private static openPostgres(options: CatalogOptions, postgres: NonNullable<CatalogOptions['postgres']>): Catalog {
    const { db, where } = openPostgresCatalog(postgres, options.busyTimeoutMs);
    return new Catalog(db, where, options.now ?? Date.now, options.replica);
  }

  createDocument(input: NewDocument): DocumentRecord {
    const id = input.id ?? randomUUID();
    const t = this.now();
    this.write('create document', () =>
      this.db
        .prepare(
          `INSERT INTO documents (id, name, source_path, sha256, size, type, object_key, collection, status,
             parent_id, attached_to, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        )
        .run(
          id,
          input.name,
          input.sourcePath ?? null,
          input.sha256 ?? null,
          input.size ?? 0,
          input.type ?? '',
          input.objectKey ?? null,
          input.collection ?? null,
          input.status ?? 'pending',
          input.parentId ?? null,
          input.attachedTo ?? null,
          t,
          t,
        ),
    );
    return this.requireDocument(id);
  }

  getDocument(id: string): DocumentRecord | undefined {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
    return row ? toDocument(row) : undefined;
  }

  /** Documents, oldest first, optionally narrowed by status or collection. */
  listDocuments(filter: { status?: DocumentStatus; collection?: string } = {}): DocumentRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM documents
         WHERE (CAST(?1 AS TEXT) IS NULL OR status = ?1) AND (CAST(?2 AS TEXT) IS NULL OR collection = ?2)
         ORDER BY created_at, rowid`,
      )
      .all(filter.status ?? null, filter.collection ?? null) as Row[];
    return rows.map(toDocument);
  }

  /** Changes the given fields. Marking a second document with the same content indexed fails with CONFLICT. */
  updateDocument(id: string, patch: DocumentPatch): DocumentRecord {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[key as keyof typeof PATCH_COLUMNS];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(value);
    }
    if (patch.error !== undefined) {
      sets.push('error_code = ?', 'error_message = ?');
      values.push(patch.error?.code ?? null, patch.error?.message ?? null);
    }
    sets.push('updated_at = ?');
    values.push(this.now(), id);
    const result = this.write('update document', () =>
      sqlTransaction(this.db, () => {
        const updated = this.db.prepare(`UPDATE documents SET ${sets.join(', ')} WHERE id = ?`).run(...values);
        // SQLite's triggers re-index a renamed document's titles; PostgreSQL's keyword text is written here.
        if (patch.name !== undefined && this.db.dialect === 'postgres') retitlePostgresChunks(this.db, id, patch.name);
        return updated;
      }),
    );
    if (result.changes === 0) throw documentNotFound(id);
    return this.requireDocument(id);
  }

  /** The indexed document with this content, if any: the pipeline's dedupe check. */
  findIndexedBySha256(sha256: string): DocumentRecord | undefined {
    const row = this.db
      .prepare(`SELECT * FROM documents WHERE sha256 = ? AND status = 'indexed' LIMIT 1`)
      .get(sha256) as Row | undefined;
    return row ? toDocument(row) : undefined;
  }

  /**
   * Replaces all chunks of a document with those of `version`, and sets the document's version, in one
   * transaction: the keyword index follows through triggers, so readers never see a half-replaced document.
   */
  replaceChunks(documentId: string, version: number, chunks: readonly NewChunk[]): ChunkRecord[] {
    const records = chunks.map((chunk): ChunkRecord => {
      const provenance = ProvenanceSchema.safeParse(chunk.provenance);
      if (!provenance.success)
        throw new HearthError('INVALID_INPUT', 'A chunk has invalid provenance.', { documentId });
      const ocr = chunk.ocr && OcrMarksSchema.safeParse(chunk.ocr);
      if (ocr && !ocr.success) throw new HearthError('INVALID_INPUT', 'A chunk has invalid OCR boxes.', { documentId });
      return {
        id: chunk.id ?? `${documentId}:${version}:${chunk.ordinal}`,
        documentId,
        version,
        ordinal: chunk.ordinal,
        text: chunk.text,
        provenance: provenance.data,
        tokenCount: chunk.tokenCount,
        ...(ocr ? { ocr: ocr.data } : {}),
      };
    });
    this.write('replace chunks', () =>
      sqlTransaction(this.db, () => {
        const updated = this.db
          .prepare('UPDATE documents SET version = ?, updated_at = ? WHERE id = ?')
          .run(version, this.now(), documentId);
        if (updated.changes === 0) throw documentNotFound(documentId);
        this.db.prepare('DELETE FROM chunks WHERE document_id = ?').run(documentId);
        if (this.db.dialect === 'postgres') return insertPostgresChunks(this.db, documentId, version, records);
        const insert = this.db.prepare(
          `INSERT INTO chunks (id, document_id, version, ordinal, text, provenance, token_count, ocr)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const c of records) {
          const ocr = c.ocr ? JSON.stringify(c.ocr) : null;
          insert.run(c.id, documentId, version, c.ordinal, c.text, JSON.stringify(c.provenance), c.tokenCount, ocr);
        }
      }),
    );
    return records;
  }

  /** A document's chunks in reading order. */
  listChunks(documentId: string): ChunkRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM chunks WHERE document_id = ? ORDER BY ordinal')
      .all(documentId) as Row[];
    return rows.map(toChunk);
  }

  /** Chunks by id (for keyword hits), in the order asked; unknown ids are left out. */
  getChunks(ids: readonly string[]): ChunkRecord[] {
    const get = this.db.prepare('SELECT * FROM chunks WHERE id = ?');
    return ids.flatMap((id) => {
      const row = get.get(id) as Row | undefined;
      return row ? [toChunk(row)] : [];
    });
  }

  /**
   * Removes a document with its chunks, keyword rows and jobs in one transaction. Returns the removed record
   * (its `objectKey` tells the caller which object and vectors to delete), or undefined if it was not there.
   */
  deleteDocument(id: string): DocumentRecord | undefined {
    return this.write('delete document', () =>
      sqlTransaction(this.db, () => {
        const doc = this.getDocument(id);
        if (!doc) return undefined;
        // Explicit rather than relying on cascades alone, so the intent survives a connection without foreign_keys.
        this.db.prepare('DELETE FROM chunks WHERE document_id = ?').run(id);
        this.db.prepare('DELETE FROM ingestion_jobs WHERE document_id = ?').run(id);
        this.db.prepare('DELETE FROM document_versions WHERE document_id = ?').run(id);
        this.db.prepare('DELETE FROM vector_refresh WHERE document_id = ?').run(id);
        this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
        return doc;
      }),
    );
  }

  /** BM25-ranked chunks of indexed documents for the words of `query`, best first (see KeywordIndex.search). */
  keywordSearch(query: string, options: KeywordSearchOptions): KeywordHit[] {
    try {
      return this.keywords.search(query, options);
    } catch (error) {
      throw toHearthError(error, 'keyword search');
    }
  }

  /**
   * Chunks in the catalogue (of one document, or all). The total is asked on every search and counting 100k rows
   * takes milliseconds, so it is kept until this connection or another one writes (total_changes, data_version).
   */
  chunkCount(documentId?: string): number {
    if (documentId !== undefined) {
      const row = this.db.prepare('SELECT count(*) AS n FROM chunks WHERE document_id = ?').get(documentId) as Row;
      return Number(row['n']);
    }
    if (!this.changeStamp) return Number((this.db.prepare('SELECT count(*) AS n FROM chunks').get() as Row)['n']);
    const stamp = this.changeStamp.get() as Row;
    const key = `${String(stamp['t'])}:${String(stamp['v'])}`;
    if (this.chunkTotal?.key !== key) {
      const row = this.db.prepare('SELECT count(*) AS n FROM chunks').get() as Row;
      this.chunkTotal = { key, n: Number(row['n']) };
    }
    return this.chunkTotal.n;
  }

  /** Collection names (created ones, and any a document carries), sorted. */
  collections(): string[] {
    const rows = this.db
      .prepare(
        `SELECT name FROM collections UNION SELECT collection FROM documents WHERE collection IS NOT NULL ORDER BY 1`,
      )
      .all() as Row[];
    return rows.map((r) => String(r['name']));
  }

  /** Rows actually held by the keyword index (of one document, or all). */
  keywordRowCount(documentId?: string): number {
    return this.keywords.rowCount(documentId);
  }

  /** True when the keyword index is sound and holds exactly one row per chunk. */
  verifyKeywordIndex(): boolean {
    return this.keywords.verify();
  }

  /** Rebuilds the keyword index from the chunks, for repair after verifyKeywordIndex() said no. */
  rebuildKeywordIndex(): void {
    this.write('rebuild keyword index', () => sqlTransaction(this.db, () => this.keywords.rebuild()));
  }

  /** A consistent copy of the whole catalogue at `path` (backup; see snapshotCatalog). */
  snapshotTo(path: string): void {
    this.write('snapshot', () => snapshotCatalog(sqliteFile(this.db, 'Backing up'), path));
  }

  /** Replaces every row with a snapshot's (restore into an empty library; see replaceCatalog). */
  replaceFrom(snapshotPath: string): ReplaceResult {
    const result = this.write('restore', () => replaceCatalog(sqliteFile(this.db, 'Restoring'), snapshotPath));
    this.chunkTotal = undefined;
    return result;
  }

  dispose(): void {
    if (this.db.isOpen) this.db.close();
  }

  private write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toHearthError(error, what);
    }
  }

  private requireDocument(id: string): DocumentRecord {
    const doc = this.getDocument(id);
    if (!doc) throw documentNotFound(id);
    return doc;
  }
}

function documentNotFound(id: string): HearthError {
  return new HearthError('NOT_FOUND', 'That document is not in the library.', { documentId: id });
}

/** The SQLite file itself, for what only a file can do; a PostgreSQL catalogue is backed up by PostgreSQL's tools. */
function sqliteFile(db: SqlDatabase, what: string): DatabaseSync {
  if (db instanceof SqliteDatabase) return db.raw;
  throw new HearthError(
    'INVALID_INPUT',
    `${what} Hearth's own catalogue copy works on a desktop library; a team server's catalogue is in PostgreSQL: back it up with pg_dump or your PostgreSQL operator's backups (docs/DEPLOY.md).`,
  );
}
