import { HearthError } from '../../shared/errors';
import type { ChildStdio } from './ChildStdio';
import type { SupervisedChild } from './SupervisedChild';

/** What to run and how to watch it. One spec shape runs any command: a native binary, a Node script, an LSP server. */
export interface ChildSpec {
  /** Unique among the supervisor's children; also the pid record's file name. /^[a-z0-9][a-z0-9-]{0,40}$/ */
  name: string;
  /** Executable to run (resolved through PATH). */
  command: string;
  /** Arguments for `command`. */
  args?: string[];
  /** Environment for the child, merged over the allow-listed part of the parent's (see childEnvironment). */
  env?: Record<string, string>;
  /** Working directory; defaults to the parent's. */
  cwd?: string;
  /** How the child talks to Hearth; default 'ignore'. */
  stdio?: ChildStdio;
  /** How to tell the child is ready and still well. Without one, "spawned" counts as ready. */
  health?: HealthProbe;
  /** Restart policy overrides; see DEFAULT_RESTART_POLICY. */
  restart?: Partial<RestartPolicy>;
  /** How long start (and each restart) may take until the probe passes. Default 15000. */
  startTimeoutMs?: number;
  /** How long after SIGTERM before the process group is SIGKILLed. Default 5000. */
  stopTimeoutMs?: number;
  /** Interval of health checks while running. Default 5000. */
  healthIntervalMs?: number;
}

export type HealthProbe =
  /** 2xx from a GET; the url may be computed from the child (a port it chose, say). */
  | { kind: 'http'; url: string | ((child: SupervisedChild) => string) }
  | { kind: 'tcp'; host: string; port: number }
  /** A JSON-RPC request over the child's stdio connection ('pipe' mode); any non-error answer passes. */
  | { kind: 'jsonrpc'; method?: string /* default 'ping' */ }
  | { kind: 'custom'; check: (child: SupervisedChild) => Promise<void> };

export interface RestartPolicy {
  /** Restarts allowed within windowMs; one more crash in the window puts the child in state 'failed'. */
  maxRestarts: number;
  /** Sliding window for counting restarts. */
  windowMs: number;
  /** Delay before the first restart. */
  initialDelayMs: number;
  /** Upper bound for the delay. */
  maxDelayMs: number;
  /** Growth of the delay per restart within the window. */
  factor: number;
}

export const DEFAULT_RESTART_POLICY: Readonly<RestartPolicy> = {
  maxRestarts: 5,
  windowMs: 60_000,
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  factor: 2,
};

const CHILD_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** A spec with every default filled in. */
export interface ResolvedChildSpec extends Required<Omit<ChildSpec, 'health' | 'cwd' | 'restart'>> {
  health: HealthProbe | undefined;
  cwd: string | undefined;
  restart: RestartPolicy;
}

/** Validates a spec and fills in defaults; throws INVALID_INPUT with a readable message. */
export function resolveChildSpec(spec: ChildSpec): ResolvedChildSpec {
  if (!CHILD_NAME_PATTERN.test(spec.name)) {
    throw new HearthError(
      'INVALID_INPUT',
      `"${spec.name}" is not a valid child name: use lowercase letters, digits and dashes.`,
    );
  }
  if (spec.command.length === 0) {
    throw new HearthError('INVALID_INPUT', `Child "${spec.name}" has no command.`);
  }
  const restart = { ...DEFAULT_RESTART_POLICY, ...spec.restart };
  const numbers = {
    startTimeoutMs: spec.startTimeoutMs ?? 15_000,
    stopTimeoutMs: spec.stopTimeoutMs ?? 5_000,
    healthIntervalMs: spec.healthIntervalMs ?? 5_000,
    ...restart,
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new HearthError('INVALID_INPUT', `Child "${spec.name}": ${key} must be a non-negative number.`);
    }
  }
  return {
    name: spec.name,
    command: spec.command,
    args: spec.args ?? [],
    env: spec.env ?? {},
    cwd: spec.cwd,
    stdio: spec.stdio ?? 'ignore',
    health: spec.health,
    restart,
    startTimeoutMs: numbers.startTimeoutMs,
    stopTimeoutMs: numbers.stopTimeoutMs,
    healthIntervalMs: numbers.healthIntervalMs,
  };
}
