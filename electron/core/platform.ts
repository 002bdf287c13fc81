import type { CatalogOptions } from './library/catalog/CatalogOptions';
import type { SecretBackend } from './secrets/SecretBackend';
import type { SidecarPaths } from './storage/StorageServices';

/** What the shell that builds the core provides. The core itself never imports `electron`. */
export interface Platform {
  /** Which shell runs the core. */
  mode: 'desktop' | 'headless';
  /** App-data dir (resolveDataDir() unless a shell overrides it). */
  dataDir: string;
  /** The default app-data dir on this OS, to decide the keychain namespace. */
  defaultDataDir: string;
  /** Hearth's version. */
  appVersion: string;
  /** The OS and runtime the shell runs on, as `app.info` reports them. The core never reads `process.platform`. */
  os: { platform: NodeJS.Platform; arch: string; nodeVersion: string };
  /**
   * Whether secrets may fall back to a 0600 file when no keychain answers: only where no OS keychain can exist
   * (a headless Linux server without a Secret Service), never silently.
   */
  keychainFileFallback: boolean;
  /** How to run a Node script as a child: Electron passes its binary with ELECTRON_RUN_AS_NODE=1. */
  node: { command: string; env?: Record<string, string> };
  /** Path of the supervisor's watchdog wrapper script (unpacked from asar in the app). */
  watchdogPath: string;
  /** The inference worker script and the Node flags to run it (`--import tsx` for the TypeScript source). */
  inferenceWorker: { entry: string; execArgv?: string[]; env?: Record<string, string> };
  /**
   * The parser worker script (run in worker threads by ParserPool) and the Node flags to run it (a tsx registration
   * for the TypeScript source). Absent: files are parsed in the core's own thread.
   */
  parseWorker?: { entry: string; execArgv?: string[] };
  /**
   * The keyword-search worker script (KeywordThread runs it in a worker thread beside a SQLite catalogue) and the Node
   * flags to run it. Absent: keyword search runs in the core's own thread.
   */
  keywordWorker?: { entry: string; execArgv?: string[] };
  /**
   * The language server script (run as a supervised child by the lsp part) and the Node flags to run it (`--import
   * tsx` for the TypeScript source). Absent: no code intelligence.
   */
  lspServer?: { entry: string; execArgv?: string[] };
  /** Where the storage sidecar programs are. */
  sidecars: SidecarPaths;
  /** Start the storage sidecars (Chroma, the S3 server) with the core; true by default. */
  startSidecars?: boolean;
  /** A keychain to use instead of the OS one (tests). */
  keychain?: SecretBackend;
  /**
   * Secrets mounted as files by an operator (secret name → file path; the headless shell's `HEARTH_*_FILE`
   * variables): read-only, read at every use, bound to the endpoints the settings name at start.
   */
  mountedSecrets?: Readonly<Record<string, string>>;
  /**
   * A team server's shared catalogue: PostgreSQL instead of the data dir's SQLite file, with this replica's id and
   * how long its leases (ingestion jobs, bucket-sync leadership) last unless renewed. Absent: the desktop's own file.
   */
  sharedCatalog?: { postgres: NonNullable<CatalogOptions['postgres']>; replicaId: string; leaseMs?: number };
  /** Log level; `info` by default. */
  logLevel?: string;
  /** Mirror logs to stdout. */
  logToStdout?: boolean;
  /** Timings of the living library (tests shorten them): file-event quiet time, folder and bucket poll intervals. */
  library?: { watchDebounceMs?: number; watchPollMs?: number; bucketPollMs?: number; retireIndexAfterMs?: number };
}
