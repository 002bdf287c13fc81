// Types for orphans.mjs (plain JS so that it runs on the machine's Node before node_modules exists).

export const TEST_RUN_MARKER: 'HEARTH_TEST_RUN';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Start time (clock ticks since boot) on Linux, null elsewhere: tells a reused pid apart. */
  readonly start: string | null;
  /** Exited, waiting to be reaped: counts as gone. */
  readonly zombie: boolean;
  readonly command: string;
}

export function listProcesses(): ProcessInfo[];
export function descendantsOf(pid: number, processes?: ProcessInfo[]): ProcessInfo[];
export function stillRunning(seen: ProcessInfo): boolean;
export function findMarked(value: string, name?: string): ProcessInfo[];

export interface ReapOrphansOptions {
  /** The marker's value for this run. */
  value: string;
  /** The environment variable holding it (HEARTH_TEST_RUN). */
  name?: string;
  /** How long marked processes may take to exit by themselves before they count as left behind. */
  settleMs?: number;
  /** Between SIGTERM and SIGKILL. */
  graceMs?: number;
}
export function reapOrphans(options: ReapOrphansOptions): Promise<ProcessInfo[]>;
