import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { constants } from 'node:os';
import type { Logger } from 'pino';
import type { ChildStatus } from '../../shared/schemas';
import { childEnvironment } from './childEnvironment';
import type { ResolvedChildSpec } from './ChildSpec';
import { killGroup, type PidRegistry } from './pidRegistry';

export type LastExit = NonNullable<ChildStatus['lastExit']>;

export interface ChildRunOptions {
  /** What to run. */
  spec: ResolvedChildSpec;
  /** Absolute path of watchdog.cjs. */
  watchdogPath: string;
  /** How to run node scripts (the watchdog is one). */
  node: { command: string; env?: Record<string, string> };
  /** Gets this run's pid record; the record goes once the process group is gone. */
  registry: PidRegistry;
  logger: Logger;
  /** Called once the watchdog has exited, before `exited` resolves. */
  onExit: (run: ChildRun) => void;
}

/** How long we wait for a process group after SIGKILL before we only log it. */
const KILL_WAIT_MS = 3_000;
/** How long an exit report waits for the last output to arrive. */
const OUTPUT_DRAIN_MS = 250;

/**
 * One spawned watchdog and the process group it leads. The supervisor makes a new one per (re)start; the fields it
 * sets (`ready`, `killReason`) say how to read this run's exit.
 */
export class ChildRun {
  readonly proc: ChildProcess;
  /** Watchdog pid, and the process group id. */
  readonly pid: number;
  /** Random id on the watchdog's command line; matches the pid record. */
  readonly instance: string;
  /** Resolves once the watchdog has exited; never rejects. */
  readonly exited: Promise<LastExit>;
  exit: LastExit | undefined;
  /** Set once the probe passed: from then on an exit is a crash to recover from. */
  ready = false;
  /** Why the supervisor itself is killing a running process (failed health checks). */
  killReason: string | undefined;
  readonly #log: Logger;
  #terminating: Promise<void> | undefined;

  /** Spawns the watchdog synchronously, so a concurrent stop() always finds the run; a spawn error becomes a reason. */
  static spawn(options: ChildRunOptions): ChildRun | Promise<string> {
    const { spec, node } = options;
    const instance = randomUUID();
    const args = [
      options.watchdogPath,
      '--instance',
      instance,
      '--parent-pid',
      String(process.pid),
      '--grace-ms',
      String(spec.stopTimeoutMs),
      '--',
      spec.command,
      ...spec.args,
    ];
    // fd 3 is the watchdog's lifeline; in 'ipc' mode the channel sits at fd 4, after it.
    const stdio: StdioOptions =
      spec.stdio === 'pipe'
        ? ['pipe', 'pipe', 'pipe', 'pipe']
        : spec.stdio === 'ipc'
          ? ['ignore', 'pipe', 'pipe', 'pipe', 'ipc']
          : ['ignore', 'pipe', 'pipe', 'pipe'];
    const proc = spawn(node.command, args, {
      cwd: spec.cwd,
      // Only allow-listed parent variables: Hearth's own environment may hold credentials no sidecar should see.
      env: { ...childEnvironment(process.env), ...node.env, ...spec.env },
      stdio,
      // Its own process group, so one signal to -pid reaches the child and anything the child spawned.
      detached: true,
      windowsHide: true,
    });
    if (proc.pid === undefined) {
      return once(proc, 'error').then(
        ([error]) => `could not be started: running ${node.command} failed (${(error as Error).message})`,
      );
    }
    try {
      return new ChildRun(options, proc, proc.pid, instance);
    } catch (error) {
      // Without its pid record a crash of ours could orphan it for good: do not run it at all.
      killGroup(proc.pid, 'SIGKILL');
      return Promise.resolve(`could not be started: its pid record could not be written (${(error as Error).message})`);
    }
  }

  private constructor(options: ChildRunOptions, proc: ChildProcess, pid: number, instance: string) {
    this.proc = proc;
    this.pid = pid;
    this.instance = instance;
    this.#log = options.logger;
    proc.on('error', (error) => this.#log.warn({ err: error }, 'watchdog process error'));
    let settle!: (exit: LastExit) => void;
    this.exited = new Promise((resolve) => (settle = resolve));
    proc.once('exit', (code, signal) => {
      const exit = decodeExit(code, signal);
      // Grandchildren that outlived the child would keep ports and files; their group id is still reserved for them,
      // so this cannot reach an unrelated process.
      killGroup(pid, 'SIGKILL');
      options.registry.remove(options.spec.name, instance);
      // Report the exit once the pipes have drained, so error messages can quote the last output lines; briefly, as
      // something may still hold them open.
      let reported = false;
      const report = (): void => {
        if (reported) return;
        reported = true;
        clearTimeout(timer);
        this.exit = exit;
        options.onExit(this);
        settle(exit);
      };
      const timer = setTimeout(report, OUTPUT_DRAIN_MS);
      proc.once('close', report);
    });
    options.registry.write(options.spec.name, {
      pid,
      instance,
      command: [options.spec.command, ...options.spec.args].join(' '),
      startedAt: Date.now(),
      ownerPid: process.pid,
    });
  }

  /** SIGTERM to the group, SIGKILL after `stopTimeoutMs`; resolves once the watchdog has exited. Idempotent. */
  terminate(stopTimeoutMs: number): Promise<void> {
    this.#terminating ??= (async () => {
      if (this.exit) return;
      killGroup(this.pid, 'SIGTERM');
      if (await settlesWithin(this.exited, stopTimeoutMs)) return;
      this.#log.warn({ pid: this.pid }, 'did not stop in time; killing its process group');
      killGroup(this.pid, 'SIGKILL');
      if (!(await settlesWithin(this.exited, KILL_WAIT_MS))) {
        this.#log.error({ pid: this.pid }, 'process group survived SIGKILL');
      }
    })();
    return this.#terminating;
  }
}

/** The watchdog exits with 128+n when the child died of signal n (as shells report it); turn that back into a name. */
function decodeExit(code: number | null, signal: NodeJS.Signals | null): LastExit {
  const at = Date.now();
  if (signal) return { code: null, signal, at };
  if (code !== null && code > 128) {
    const name = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
    if (name) return { code: null, signal: name, at };
  }
  return { code, signal: null, at };
}

export function describeExit(exit: LastExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}
