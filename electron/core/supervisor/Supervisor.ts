import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { ChildStatus } from '../../shared/schemas';
import { nextDelay, RestartBudget } from './backoff';
import { ChildRun, describeExit, type LastExit } from './ChildRun';
import { resolveChildSpec, type ChildSpec, type ResolvedChildSpec } from './ChildSpec';
import { PidRegistry } from './pidRegistry';
import { runProbe, sleep } from './probes';
import { SupervisedChild } from './SupervisedChild';

export interface SupervisorOptions {
  /** Where pid records live ($HEARTH_HOME/run); created on first use. */
  runDir: string;
  /** Path of watchdog.cjs; every child runs under it. */
  watchdogPath: string;
  /** How to run node scripts (Electron passes its binary + ELECTRON_RUN_AS_NODE=1). */
  node: { command: string; env?: Record<string, string> };
  /** Supervisor events and the children's output go here. */
  logger: Logger;
  /** Called on every status change of every child. */
  onStatus?: (status: ChildStatus) => void;
}

interface Entry {
  readonly spec: ResolvedChildSpec;
  readonly child: SupervisedChild;
  readonly budget: RestartBudget;
  run: ChildRun | undefined;
  restarts: number;
  stopping: boolean;
  restartTimer: NodeJS.Timeout | undefined;
  healthTimer: NodeJS.Timeout | undefined;
}

/** Consecutive failed health checks that make a running child 'unhealthy' and get it restarted. */
const UNHEALTHY_AFTER = 3;
/** Pid-record reaping uses the default stop timeout: records do not say which spec they came from. */
const REAP_TIMEOUT_MS = 5_000;

/**
 * Runs child processes (Chroma, MinIO, the LSP server, workers) under Hearth's watchdog: starts them, checks their
 * health, restarts them with backoff, stops them in order, and reports every status change.
 */
export class Supervisor {
  readonly #options: SupervisorOptions;
  readonly #watchdogPath: string;
  readonly #log: Logger;
  readonly #registry: PidRegistry;
  readonly #children = new Map<string, Entry>();
  #disposed = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#watchdogPath = resolve(options.watchdogPath);
    this.#log = options.logger.child({ component: 'supervisor' });
    this.#registry = new PidRegistry(options.runDir);
  }

  /**
   * Kills what a previous, crashed Hearth left running. A recorded process group is killed only if its leader is alive
   * and its command line is our watchdog with the record's instance id; a reused pid is never touched.
   */
  async reapStale(): Promise<{ reaped: number[]; ignored: number[] }> {
    return this.#registry.reapStale({
      watchdogPath: this.#watchdogPath,
      current: new Set([...this.#children.values()].flatMap((entry) => (entry.run ? [entry.run.instance] : []))),
      timeoutMs: REAP_TIMEOUT_MS,
      logger: this.#log,
    });
  }

  /**
   * Starts a child and resolves once its health probe passes (right after spawn without one). Throws SIDECAR_DOWN
   * with a readable reason if it cannot become ready within startTimeoutMs; the child is then in state 'failed'.
   */
  async start(spec: ChildSpec): Promise<SupervisedChild> {
    if (this.#disposed) throw new HearthError('INTERNAL', 'The supervisor has been shut down.');
    const resolved = resolveChildSpec(spec);
    const existing = this.#children.get(resolved.name);
    if (existing && !['stopped', 'failed'].includes(existing.child.status.state)) {
      throw new HearthError('CONFLICT', `A child named "${resolved.name}" is already running.`);
    }
    const log = this.#options.logger.child({ child: resolved.name });
    const child = new SupervisedChild(resolved.name, resolved.stdio, log, (status) => this.#options.onStatus?.(status));
    const entry: Entry = {
      spec: resolved,
      child,
      budget: new RestartBudget(resolved.restart),
      run: undefined,
      restarts: 0,
      stopping: false,
      restartTimer: undefined,
      healthTimer: undefined,
    };
    this.#children.set(resolved.name, entry);
    const failure = await this.#launch(entry);
    if (entry.stopping) {
      throw new HearthError('CANCELLED', `${resolved.name} was stopped before it was ready.`);
    }
    if (failure !== null) {
      const message = `${resolved.name} ${failure}.`;
      child.update({ state: 'failed', pid: null, lastError: message, lastExit: entry.run?.exit ?? null });
      throw new HearthError('SIDECAR_DOWN', message, { child: resolved.name });
    }
    return child;
  }

  get(name: string): SupervisedChild | undefined {
    return this.#children.get(name)?.child;
  }

  list(): ChildStatus[] {
    return [...this.#children.values()].map((entry) => entry.child.status);
  }

  /** Orderly stop: SIGTERM to the watchdog's process group, SIGKILL to the group after stopTimeoutMs. */
  async stop(name: string): Promise<void> {
    const entry = this.#children.get(name);
    if (!entry) return;
    entry.stopping = true;
    clearTimeout(entry.restartTimer);
    clearTimeout(entry.healthTimer);
    const run = entry.run;
    if (run && !run.exit) {
      entry.child.update({ state: 'stopping', nextRestartAt: null });
      await run.terminate(entry.spec.stopTimeoutMs);
    }
    entry.child.update({
      state: 'stopped',
      pid: null,
      nextRestartAt: null,
      lastExit: run?.exit ?? entry.child.status.lastExit,
    });
  }

  /** Stops every child, in parallel; the supervisor accepts no new children afterwards. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#children.keys()].map((name) => this.stop(name)));
  }

  /** Spawns a process and waits until it is ready; returns null on success, else why it failed (already cleaned up). */
  async #launch(entry: Entry): Promise<string | null> {
    const run = this.#spawn(entry);
    if (run instanceof Promise) return run;
    const failure = await this.#waitReady(entry, run);
    if (failure === null && !entry.stopping) {
      run.ready = true;
      entry.child.update({ state: 'running' });
      this.#scheduleHealthCheck(entry, run);
      return null;
    }
    await run.terminate(entry.spec.stopTimeoutMs);
    return failure ?? 'was stopped before it was ready';
  }

  /** Spawns a watchdog for `entry` and wires it to the handle; a string is why spawning failed. */
  #spawn(entry: Entry): ChildRun | Promise<string> {
    const run = ChildRun.spawn({
      spec: entry.spec,
      watchdogPath: this.#watchdogPath,
      node: this.#options.node,
      registry: this.#registry,
      logger: this.#log.child({ child: entry.spec.name }),
      onExit: (exited) => this.#onExit(entry, exited),
    });
    if (run instanceof Promise) return run;
    entry.run = run;
    entry.child.attach(run.proc);
    entry.child.update({ state: 'starting', pid: run.pid, restarts: entry.restarts, nextRestartAt: null });
    return run;
  }

  /** Probes until the child answers, exits, is stopped, or startTimeoutMs runs out. */
  async #waitReady(entry: Entry, run: ChildRun): Promise<string | null> {
    const { health, startTimeoutMs } = entry.spec;
    const deadline = Date.now() + startTimeoutMs;
    let lastProblem = 'no health check got an answer';
    let pause = 50;
    for (;;) {
      if (run.exit) return `${describeExit(run.exit)} before it was ready${this.#lastOutput(entry)}`;
      if (entry.stopping) return null;
      if (!health) return null;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        return `was not ready within ${formatMs(startTimeoutMs)} (${lastProblem})${this.#lastOutput(entry)}`;
      }
      const outcome = await Promise.race([
        runProbe(health, entry.child, Math.min(remaining, 5_000)).then(
          () => null,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
        run.exited.then(() => 'exited'),
      ]);
      if (outcome === null) return null;
      if (!run.exit) lastProblem = outcome;
      await Promise.race([sleep(Math.min(pause, Math.max(0, deadline - Date.now()))), run.exited]);
      pause = Math.min(pause * 2, 500);
    }
  }

  #scheduleHealthCheck(entry: Entry, run: ChildRun): void {
    const { health, healthIntervalMs } = entry.spec;
    if (!health) return;
    const interval = Math.max(10, healthIntervalMs);
    const timeout = Math.max(1_000, Math.min(5_000, interval));
    let failures = 0;
    const tick = async (): Promise<void> => {
      if (run.exit || entry.stopping || entry.run !== run) return;
      try {
        await runProbe(health, entry.child, timeout);
        failures = 0;
      } catch (error) {
        failures += 1;
        const problem = error instanceof Error ? error.message : String(error);
        entry.child.update({ lastError: `health check failed: ${problem}` });
        if (failures >= UNHEALTHY_AFTER && !run.exit && !entry.stopping) {
          run.killReason = `failed ${UNHEALTHY_AFTER} health checks in a row (${problem})`;
          entry.child.update({ state: 'unhealthy' });
          void run.terminate(entry.spec.stopTimeoutMs);
          return;
        }
      }
      if (!run.exit && !entry.stopping) entry.healthTimer = setTimeout(() => void tick(), interval);
    };
    entry.healthTimer = setTimeout(() => void tick(), interval);
  }

  #onExit(entry: Entry, run: ChildRun): void {
    clearTimeout(entry.healthTimer);
    entry.child.detach(run.proc);
    // Exits during start or stop are handled by whoever is waiting on them.
    if (!run.ready || entry.stopping) return;
    const why = run.killReason ?? `${describeExit(run.exit as LastExit)} unexpectedly${this.#lastOutput(entry)}`;
    this.#scheduleRestart(entry, why, run.exit ?? null);
  }

  #scheduleRestart(entry: Entry, why: string, lastExit: LastExit | null): void {
    const { name, restart } = entry.spec;
    const now = Date.now();
    const verdict = entry.budget.take(now);
    if (!verdict.allowed) {
      const lastError =
        `${name} stopped unexpectedly ${verdict.count} times within ${formatMs(restart.windowMs)}, ` +
        `so Hearth stopped restarting it. The last time it ${why}.`;
      entry.child.update({ state: 'failed', pid: null, lastError, lastExit, nextRestartAt: null });
      return;
    }
    const delay = nextDelay(restart, verdict.attempt);
    entry.child.update({
      state: 'backoff',
      pid: null,
      lastError: `${name} ${why}; restarting in ${formatMs(delay)}.`,
      lastExit,
      nextRestartAt: now + delay,
    });
    entry.restartTimer = setTimeout(() => void this.#relaunch(entry), delay);
  }

  async #relaunch(entry: Entry): Promise<void> {
    entry.restartTimer = undefined;
    if (entry.stopping) return;
    entry.restarts += 1;
    const failure = await this.#launch(entry);
    if (failure !== null && !entry.stopping) this.#scheduleRestart(entry, failure, entry.run?.exit ?? null);
  }

  #lastOutput(entry: Entry): string {
    const output = entry.child.recentOutput();
    return output ? `; last output: ${output}` : '';
  }
}

function formatMs(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}
