import type { SecretBackend } from './secrets/SecretBackend';

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
  /** How to run a Node script as a child: Electron passes its binary with ELECTRON_RUN_AS_NODE=1. */
  node: { command: string; env?: Record<string, string> };
  /** Path of the supervisor's watchdog wrapper script (unpacked from asar in the app). */
  watchdogPath: string;
  /** A keychain to use instead of the OS one (tests). */
  keychain?: SecretBackend;
  /** Log level; `info` by default. */
  logLevel?: string;
  /** Mirror logs to stdout. */
  logToStdout?: boolean;
}
