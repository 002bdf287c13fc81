import type { DatabaseSync } from 'node:sqlite';
import { HearthError } from '../../../shared/errors';
import { createKeywordIndexV2, createKeywordIndexV3 } from './keywordIndexSchema';
import { SqliteDatabase } from './sql/SqliteDatabase';
import { sqlTransaction } from './sqlTransaction';

/** One forward step: `up` turns schema version `version - 1` into `version`. */
export interface CatalogMigration {
  version: number;
  description: string;
  up(db: DatabaseSync): void;
}

/** Ordered steps; append only. A released step is never edited, because files in the field already ran it. */
export const CATALOG_MIGRATIONS: readonly CatalogMigration[] = [
  {
    version: 1,
    description: 'documents, chunks and ingestion jobs',
    up(db) {
      db.exec(`
        CREATE TABLE documents (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          source_path TEXT,
          sha256 TEXT,
          size INTEGER NOT NULL DEFAULT 0,
          type TEXT NOT NULL DEFAULT '',
          object_key TEXT,
          collection TEXT,
          status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'indexing', 'indexed', 'failed')),
          error_code TEXT,
          error_message TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          embedding_version INTEGER,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX documents_sha256 ON documents (sha256);
        CREATE INDEX documents_collection ON documents (collection);
        -- The same content is indexed at most once, whatever a crashed or racing pipeline does.
        CREATE UNIQUE INDEX documents_indexed_sha256 ON documents (sha256) WHERE status = 'indexed';

        -- seq is the stable integer rowid the keyword index points at; VACUUM may renumber an implicit rowid.
        CREATE TABLE chunks (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          ordinal INTEGER NOT NULL,
          text TEXT NOT NULL,
          provenance TEXT NOT NULL,
          token_count INTEGER NOT NULL,
          UNIQUE (document_id, version, ordinal)
        );

        CREATE TABLE ingestion_jobs (
          id TEXT PRIMARY KEY,
          document_id TEXT REFERENCES documents (id) ON DELETE CASCADE,
          batch_id TEXT NOT NULL,
          input TEXT NOT NULL,
          stage TEXT NOT NULL DEFAULT 'queued' CHECK (stage IN
            ('queued', 'sniffed', 'hashed', 'stored', 'parsed', 'chunked', 'embedded', 'indexed', 'failed', 'cancelled')),
          attempts INTEGER NOT NULL DEFAULT 0,
          error_code TEXT,
          error_message TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX ingestion_jobs_stage ON ingestion_jobs (stage);
        CREATE INDEX ingestion_jobs_batch ON ingestion_jobs (batch_id);
        CREATE INDEX ingestion_jobs_document ON ingestion_jobs (document_id);
      `);
    },
  },
  {
    version: 2,
    description: 'keyword index (FTS5 over chunk text), backfilled from existing chunks',
    up(db) {
      // External content: the text lives once, in chunks; triggers keep the index in step inside the same
      // transaction as the chunk write, including rows removed by ON DELETE CASCADE.
      db.exec(`
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
          text, content = 'chunks', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
          INSERT INTO chunks_fts (rowid, text) VALUES (new.seq, new.text);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
          INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.seq, old.text);
        END;
        CREATE TRIGGER chunks_fts_update AFTER UPDATE OF text ON chunks BEGIN
          INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.seq, old.text);
          INSERT INTO chunks_fts (rowid, text) VALUES (new.seq, new.text);
        END;
        INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild');
      `);
    },
  },
  {
    version: 3,
    description: 'vector indexes the library has written to (one per embedding model, version and dimensions)',
    up(db) {
      // The vector backends hold the vectors; this remembers which indexes exist, so a delete reaches all of
      // them after a restart and search knows which index is complete.
      db.exec(`
        CREATE TABLE vector_indexes (
          name TEXT PRIMARY KEY,
          model TEXT NOT NULL,
          version INTEGER NOT NULL,
          dimensions INTEGER NOT NULL,
          created_at INTEGER NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    description: 'conversations and their messages (grounded answers keep their citations)',
    up(db) {
      db.exec(`
        CREATE TABLE conversations (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          collection TEXT,
          model TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE messages (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
          content TEXT NOT NULL,
          citations TEXT NOT NULL DEFAULT '[]',
          status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'stopped', 'failed')),
          error_code TEXT,
          error_message TEXT,
          model TEXT,
          grounded INTEGER NOT NULL DEFAULT 1,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX messages_conversation ON messages (conversation_id, seq);
      `);
    },
  },
  {
    version: 5,
    description: 'living library: collections, watched folders, version history, active index, re-embed runs',
    up(db) {
      db.exec(`
        -- Collections exist on their own (an empty one can be chosen); documents name theirs in documents.collection.
        CREATE TABLE collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
        INSERT INTO collections (name, created_at)
          SELECT collection, min(created_at) FROM documents WHERE collection IS NOT NULL GROUP BY collection;
        CREATE INDEX documents_source_path ON documents (source_path);
        CREATE INDEX documents_object_key ON documents (object_key);

        CREATE TABLE watched_folders (
          id TEXT PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          collection TEXT,
          paused INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          last_scan_at INTEGER
        );
        -- What a scan last saw of each file (size, mtime, content), so an unchanged file is not hashed again.
        CREATE TABLE watched_files (
          path TEXT PRIMARY KEY,
          folder_id TEXT NOT NULL REFERENCES watched_folders (id) ON DELETE CASCADE,
          size INTEGER NOT NULL,
          mtime_ms REAL NOT NULL,
          sha256 TEXT,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX watched_files_folder ON watched_files (folder_id);

        -- One row per content version. 'pending' and 'embedding' rows are revisions in flight: a start after a
        -- crash rolls a pending one back and an embedding one forward.
        CREATE TABLE document_versions (
          document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          version INTEGER NOT NULL,
          sha256 TEXT,
          size INTEGER NOT NULL,
          object_key TEXT,
          etag TEXT,
          origin TEXT NOT NULL CHECK (origin IN ('ingest', 'disk', 'bucket')),
          status TEXT NOT NULL CHECK (status IN ('pending', 'embedding', 'current', 'superseded')),
          created_at INTEGER NOT NULL,
          PRIMARY KEY (document_id, version)
        );
        INSERT INTO document_versions (document_id, version, sha256, size, object_key, origin, status, created_at)
          SELECT id, version, sha256, size, object_key, 'ingest', 'current', created_at FROM documents
          WHERE status = 'indexed';

        -- Documents whose vectors must be written again (their collection changed), drained by the core.
        CREATE TABLE vector_refresh (
          document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
          created_at INTEGER NOT NULL
        );

        -- Small named values: which vector index search uses ('active_index').
        CREATE TABLE library_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE reembed_runs (
          id TEXT PRIMARY KEY,
          model TEXT NOT NULL,
          version INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'cancelled', 'failed')),
          error_message TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE reembed_done (
          run_id TEXT NOT NULL REFERENCES reembed_runs (id) ON DELETE CASCADE,
          document_id TEXT NOT NULL,
          PRIMARY KEY (run_id, document_id)
        );
      `);
    },
  },
  {
    version: 6,
    description: "ingestion stage 'sniffed' renamed 'admitted' (it only ever ran stat and the admission check)",
    up(db) {
      // SQLite cannot change a CHECK constraint in place: the table is rebuilt with the new stage list and the old
      // stage name rewritten on the way. Nothing references ingestion_jobs, so dropping the old table is safe.
      db.exec(`
        CREATE TABLE ingestion_jobs_v6 (
          id TEXT PRIMARY KEY,
          document_id TEXT REFERENCES documents (id) ON DELETE CASCADE,
          batch_id TEXT NOT NULL,
          input TEXT NOT NULL,
          stage TEXT NOT NULL DEFAULT 'queued' CHECK (stage IN
            ('queued', 'admitted', 'hashed', 'stored', 'parsed', 'chunked', 'embedded', 'indexed', 'failed', 'cancelled')),
          attempts INTEGER NOT NULL DEFAULT 0,
          error_code TEXT,
          error_message TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        INSERT INTO ingestion_jobs_v6
          (id, document_id, batch_id, input, stage, attempts, error_code, error_message, created_at, updated_at)
          SELECT id, document_id, batch_id, input, CASE stage WHEN 'sniffed' THEN 'admitted' ELSE stage END,
                 attempts, error_code, error_message, created_at, updated_at
          FROM ingestion_jobs;
        DROP TABLE ingestion_jobs;
        ALTER TABLE ingestion_jobs_v6 RENAME TO ingestion_jobs;
        CREATE INDEX ingestion_jobs_stage ON ingestion_jobs (stage);
        CREATE INDEX ingestion_jobs_batch ON ingestion_jobs (batch_id);
        CREATE INDEX ingestion_jobs_document ON ingestion_jobs (document_id);
      `);
    },
  },
  {
    version: 7,
    description: 'keyword index v2: English stemming, weighted title column, words of unspaced scripts (backfilled)',
    up: createKeywordIndexV2,
  },
  {
    version: 8,
    description: "answers keep their notice (sources left out or shortened to fit the model's context)",
    up(db) {
      db.exec('ALTER TABLE messages ADD COLUMN notice TEXT');
    },
  },
  {
    version: 9,
    description: 'indexes for the paged document list: one per sort key (ending in id, as the cursor does) and type',
    up(db) {
      db.exec(`
        CREATE INDEX documents_list_added ON documents (created_at, id);
        CREATE INDEX documents_list_name ON documents (name COLLATE NOCASE, id);
        CREATE INDEX documents_list_size ON documents (size, id);
        CREATE INDEX documents_list_status ON documents (status, name COLLATE NOCASE, id);
        CREATE INDEX documents_type ON documents (type);
      `);
    },
  },
  {
    version: 10,
    description:
      'keyword index v3: the words as written in a column of their own (half weight) next to the stems (backfilled)',
    up: createKeywordIndexV3,
  },
  {
    version: 11,
    description: "email attachments as child documents: a document's parent and provenance, attachments not indexed",
    up(db) {
      // A child row goes with its parent (the pipeline deletes the child's vectors and original first); the
      // attachments not indexed are listed on the parent with the reason.
      db.exec(`
        ALTER TABLE documents ADD COLUMN parent_id TEXT REFERENCES documents (id) ON DELETE CASCADE;
        ALTER TABLE documents ADD COLUMN attached_to TEXT;
        CREATE INDEX documents_parent ON documents (parent_id);
        CREATE TABLE skipped_attachments (
          parent_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          ordinal INTEGER NOT NULL,
          name TEXT NOT NULL,
          reason TEXT NOT NULL,
          PRIMARY KEY (parent_id, ordinal)
        );
      `);
    },
  },
  {
    version: 12,
    description: 'OCR passages keep where their words are on the page image, for the citation viewer to mark them',
    up(db) {
      // JSON of OcrMarks (shared/ocrMarks), bounded in boxes and decimals; NULL for text-layer chunks and for OCR
      // chunks written earlier, which gain boxes when their document is indexed again.
      db.exec('ALTER TABLE chunks ADD COLUMN ocr TEXT');
    },
  },
  {
    version: 13,
    description: 'ingestion job leases: which replica works on a job, and until when (as on PostgreSQL)',
    up(db) {
      // One process on SQLite, but the same claim/renew/release code path as a team server's replicas.
      db.exec(`
        ALTER TABLE ingestion_jobs ADD COLUMN leased_by TEXT;
        ALTER TABLE ingestion_jobs ADD COLUMN lease_until INTEGER;
      `);
    },
  },
];

export const CATALOG_SCHEMA_VERSION = CATALOG_MIGRATIONS.length;

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/**
 * Brings the file forward to `target` (default: the newest), one step per transaction so a crash leaves it at a
 * whole version. `PRAGMA user_version` is part of the file header, hence committed together with the step.
 */
export function migrateCatalog(
  db: DatabaseSync,
  target = CATALOG_SCHEMA_VERSION,
  migrations: readonly CatalogMigration[] = CATALOG_MIGRATIONS,
): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > migrations.length) {
    // Written by a newer Hearth: writing with an older schema could corrupt what it relies on.
    throw new HearthError('INTERNAL', 'The library catalogue was written by a newer version of Hearth.', {
      fileVersion: from,
      knownVersion: migrations.length,
    });
  }
  for (const step of migrations) {
    if (step.version <= from || step.version > target) continue;
    sqlTransaction(new SqliteDatabase(db), () => {
      step.up(db);
      db.exec(`PRAGMA user_version = ${step.version}`);
    });
  }
  return { from, to: Math.max(from, Math.min(target, migrations.length)) };
}
