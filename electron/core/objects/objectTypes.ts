import type { Logger } from 'pino';
import type { ObjectConnection } from './ObjectConnection';
import type { ObjectTags } from './objectInput';

/** Options for the object store client. */
export interface ObjectStoreOptions {
  /** The sidecar's (ObjectServer.start) or an external endpoint's (externalConnection). */
  connection: ObjectConnection;
  logger: Logger;
  /** Multipart part size in bytes; files up to this size go in one request. Default 16 MiB, at least 5 MiB. */
  partSize?: number;
  /** How long an operation waits for a restarted sidecar before failing with SIDECAR_DOWN. Default 30000. */
  recoveryTimeoutMs?: number;
  /** Tries per request while the sidecar keeps dropping, the first included. Default 3. */
  maxAttempts?: number;
  /** A request whose socket stays silent this long fails (a hung server). Default 120000; 0 disables. */
  idleTimeoutMs?: number;
  /** Parts of one upload in flight at once (each holds a part-sized buffer). Default 2. */
  concurrency?: number;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** Options for one upload. */
export interface UploadOptions {
  /** Cancels the upload: requests in flight are aborted and the server is asked to drop the parts. */
  signal?: AbortSignal;
  /** Called with 0 first, then after each part (or the single request); monotonic, ending at totalBytes. */
  onProgress?: (progress: UploadProgress) => void;
  /** Tags set once the object exists (`embedding_version`, `sha256`). */
  tags?: ObjectTags;
  /** User metadata (`x-amz-meta-*`). */
  metadata?: Record<string, string>;
  /** Default application/octet-stream. */
  contentType?: string;
}

export interface UploadResult {
  key: string;
  etag: string;
  size: number;
  /** Hex SHA-256 of the bytes sent, computed while reading them. */
  sha256: string;
  /** 0 for a single-request upload. */
  parts: number;
}

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

export interface ObjectStat extends ObjectInfo {
  contentType: string | null;
  /** User metadata, names in lower case. */
  metadata: Record<string, string>;
}

/** Options for one download. */
export interface DownloadOptions {
  /** Inclusive byte range, as in an HTTP Range header. */
  range?: { start: number; end: number };
  /** Destroys the stream with CANCELLED. */
  signal?: AbortSignal;
}
