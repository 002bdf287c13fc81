import type { ClientConfig } from 'pg';
import type { DocumentPatch } from './catalogTypes';

/** Options for `Catalog.open`. */
export interface CatalogOptions {
  /** The app-data dir; the catalogue lives at `<dataDir>/catalog.db`. */
  dataDir: string;
  /** How long a write waits for another connection's lock before failing with TIMEOUT. */
  busyTimeoutMs?: number;
  /** Clock in ms since the epoch; tests pass a fixed one. */
  now?: () => number;
  /**
   * Who works on ingestion jobs through this catalogue: jobs it creates or claims are leased to `id` for `leaseMs`
   * (renewed while work goes on), so replicas on one PostgreSQL never run the same job and a dead one's jobs are
   * taken over once its leases run out. Default: `local`, 60 s (the desktop's one process).
   */
  replica?: { id: string; leaseMs?: number };
  /**
   * A team server's catalogue: PostgreSQL instead of `<dataDir>/catalog.db`, shared by every replica. The password
   * is in `connection` (read from the keychain or a mounted secret by the caller), never in a URL.
   */
  postgres?: {
    connection: ClientConfig;
    /** Schema holding this library's tables (default `hearth`). */
    schema?: string;
  };
}

/** Document fields a patch may change, and their columns. */
export const PATCH_COLUMNS: Record<Exclude<keyof DocumentPatch, 'error'>, string> = {
  name: 'name',
  sourcePath: 'source_path',
  sha256: 'sha256',
  size: 'size',
  type: 'type',
  objectKey: 'object_key',
  collection: 'collection',
  status: 'status',
  version: 'version',
  embeddingVersion: 'embedding_version',
};
