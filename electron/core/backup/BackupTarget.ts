/** One stored file of a backup repository. */
export interface StoredFile {
  /** Relative name, `/`-separated, e.g. `pieces/ab/ab12…` or `snapshots/2026-…json`. */
  name: string;
  size: number;
}

/**
 * Where a backup repository lives: a folder (an external disk) or a bucket prefix on an S3-compatible server.
 * Names are relative and `/`-separated. Writes are whole-file: a piece or manifest is there completely or not at all.
 */
export interface BackupTarget {
  /** For messages and the log: the folder or `s3://bucket/prefix` at its endpoint. */
  readonly label: string;
  /** Every file whose name starts with `prefix`. */
  list(prefix: string, signal?: AbortSignal): Promise<StoredFile[]>;
  /** A file's bytes, or null when it does not exist. */
  read(name: string, signal?: AbortSignal): Promise<Buffer | null>;
  /** Writes (replacing) a whole file. */
  write(name: string, data: Buffer, signal?: AbortSignal): Promise<void>;
  /** Removes a file; removing a missing one succeeds. */
  remove(name: string): Promise<void>;
  dispose(): Promise<void>;
}
