import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HearthError } from '../../../../electron/shared/errors';
import type { ChildState, ChildStatus } from '../../../../electron/shared/schemas';
import { Supervisor, type ChildSpec, type SupervisedChild } from '../../../../electron/core/supervisor';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const watchdogPath = join(repoRoot, 'electron/core/supervisor/watchdog.cjs');
const fixture = (name: string): string => join(repoRoot, 'tests/fixtures', name);

// ---- helpers ---------------------------------------------------------------------------------------------------

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch {
      // Best effort: one failed cleanup must not hide the others.
    }
  }
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-supervisor-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface LogLine {
  msg: string;
  child?: string;
  stream?: string;
}

function makeSupervisor(runDir = tempDir()): { supervisor: Supervisor; logs: LogLine[]; runDir: string } {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const supervisor = new Supervisor({ runDir, watchdogPath, node: { command: process.execPath }, logger });
  cleanups.push(() => supervisor.dispose());
  return { supervisor, logs, runDir };
}

/** Kills a process group we started ourselves if a test left it behind. */
function killOnCleanup(pid: number | undefined, group = false): void {
  if (pid === undefined) return;
  cleanups.push(() => {
    try {
      process.kill(group ? -pid : pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  });
}

/** Polls until `condition` holds; fails with `what` and the last observed value otherwise. No speed is asserted. */
async function waitUntil<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what} (last value: ${JSON.stringify(last)})`);
}

/** The errno `kill(pid, 0)` answers: 'alive' when it does not throw. */
function signalZero(pid: number): string {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

/**
 * Gone means ESRCH, or a zombie: once its parent is dead, a process is reparented to init, and some inits
 * (containers, CI sandboxes) never reap, so a dead process can linger as a zombie there.
 */
function isGone(pid: number): Promise<boolean> {
  if (signalZero(pid) === 'ESRCH') return Promise.resolve(true);
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'stat=', '-p', String(pid)], (error, stdout) => {
      resolve(error !== null || stdout.trim() === '' || stdout.trim().startsWith('Z'));
    });
  });
}

async function allGone(pids: number[]): Promise<boolean> {
  return (await Promise.all(pids.map(isGone))).every(Boolean);
}

/** The real child a watchdog spawned. */
function childOf(wrapperPid: number): Promise<number> {
  return waitUntil(`a child of watchdog ${wrapperPid}`, () => {
    try {
      return Number(
        execFileSync('pgrep', ['-P', String(wrapperPid)], { encoding: 'utf8' })
          .trim()
          .split(/\s+/)[0],
      );
    } catch {
      return 0;
    }
  });
}

function commandLine(pid: number): string {
  return execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
}

function recordStates(child: SupervisedChild): ChildState[] {
  const states: ChildState[] = [child.status.state];
  child.onStatus((status) => {
    if (states.at(-1) !== status.state) states.push(status.state);
  });
  return states;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const jsonRpcSpec = (overrides: Partial<ChildSpec> = {}): ChildSpec => ({
  name: 'rpc',
  command: process.execPath,
  args: [fixture('children/jsonRpcChild.mjs')],
  stdio: 'pipe',
  health: { kind: 'jsonrpc' },
  healthIntervalMs: 60_000,
  restart: { maxRestarts: 2, windowMs: 60_000, initialDelayMs: 50, maxDelayMs: 200, factor: 2 },
  ...overrides,
});

// ---- tests -----------------------------------------------------------------------------------------------------

describe('Supervisor', () => {
  it('runs a program that knows nothing about Hearth and stop() kills it and its watchdog', async () => {
    const { supervisor, runDir } = makeSupervisor();
    const child = await supervisor.start({ name: 'sleeper', command: 'sleep', args: ['1000'] });
    const wrapperPid = child.pid;
    expect(wrapperPid).toBeTypeOf('number');
    killOnCleanup(wrapperPid ?? undefined, true);
    const sleepPid = await childOf(wrapperPid as number);

    expect(child.status.state).toBe('running');
    expect(commandLine(sleepPid)).toBe('sleep 1000');
    expect(supervisor.list()).toEqual([
      expect.objectContaining({ name: 'sleeper', state: 'running', pid: wrapperPid }),
    ]);
    expect(readdirSync(runDir)).toEqual(['sleeper.json']);

    await supervisor.stop('sleeper');

    expect(child.status).toMatchObject({ state: 'stopped', pid: null, lastExit: { signal: 'SIGTERM' } });
    await waitUntil('the sleep and its watchdog to be reaped', () => signalZero(sleepPid) === 'ESRCH');
    expect(signalZero(sleepPid)).toBe('ESRCH');
    expect(signalZero(wrapperPid as number)).toBe('ESRCH');
    expect(readdirSync(runDir)).toEqual([]);
  });

  it('stop() SIGKILLs the process group of a child that ignores SIGTERM once stopTimeoutMs has passed', async () => {
    const { supervisor, logs } = makeSupervisor();
    // SIG_IGN survives exec, so both the shell and its sleeps ignore SIGTERM.
    const child = await supervisor.start({
      name: 'stubborn',
      command: 'sh',
      args: ['-c', "trap '' TERM; echo deaf to SIGTERM; while :; do sleep 0.1; done"],
      stopTimeoutMs: 300,
    });
    const wrapperPid = child.pid as number;
    killOnCleanup(wrapperPid, true);
    const shellPid = await childOf(wrapperPid);
    await waitUntil('the shell to ignore SIGTERM', () => logs.some((line) => line.msg === 'deaf to SIGTERM'));

    await supervisor.stop('stubborn');

    expect(child.status).toMatchObject({ state: 'stopped', lastExit: { signal: 'SIGKILL' } });
    await waitUntil('the shell to be gone', () => isGone(shellPid));
    expect(signalZero(wrapperPid)).toBe('ESRCH');
  });

  it("logs an 'ignore' child's output lines under its name", async () => {
    const { supervisor, logs } = makeSupervisor();
    const child = await supervisor.start({
      name: 'talker',
      command: 'sh',
      args: ['-c', 'echo hello from talker; echo oops >&2; exec sleep 1000'],
    });
    killOnCleanup(child.pid ?? undefined, true);
    const stdout = await waitUntil('the stdout line in the log', () =>
      logs.find((line) => line.msg === 'hello from talker'),
    );
    expect(stdout).toMatchObject({ child: 'talker', stream: 'stdout' });
    const stderr = await waitUntil('the stderr line in the log', () => logs.find((line) => line.msg === 'oops'));
    expect(stderr).toMatchObject({ child: 'talker', stream: 'stderr' });
  });

  it('restarts a crashed stdio JSON-RPC child with a fresh connection, and gives up after too many crashes', async () => {
    const statuses: ChildStatus[] = [];
    const { supervisor } = makeSupervisor();
    const child = await supervisor.start(jsonRpcSpec());
    child.onStatus((status) => statuses.push(status));
    const states = recordStates(child);
    const firstPid = child.pid as number;
    killOnCleanup(firstPid, true);

    expect(await child.connection?.sendRequest('ping')).toBe('pong');
    const firstRealPid = await child.connection?.sendRequest<number>('pid');

    expect(await child.connection?.sendRequest('crash')).toBe('crashing');
    await waitUntil('the child to run again after its crash', () => {
      const { state, restarts } = child.status;
      return state === 'running' && restarts === 1;
    });
    killOnCleanup(child.pid ?? undefined, true);

    expect(states).toEqual(['running', 'backoff', 'starting', 'running']);
    const backoff = statuses.find((status) => status.state === 'backoff');
    expect(backoff).toMatchObject({ pid: null, lastExit: { code: 1, signal: null } });
    expect(backoff?.nextRestartAt).toBeTypeOf('number');
    expect(backoff?.lastError).toContain('exited with code 1');
    expect(child.pid).not.toBe(firstPid);
    expect(await child.connection?.sendRequest('ping')).toBe('pong');
    expect(await child.connection?.sendRequest('pid')).not.toBe(firstRealPid);
    expect(await isGone(firstPid)).toBe(true);

    await child.connection?.sendRequest('crash');
    await waitUntil('the second restart', () => child.status.state === 'running' && child.status.restarts === 2);
    killOnCleanup(child.pid ?? undefined, true);
    const lastPid = child.pid as number;
    await child.connection?.sendRequest('crash');
    await waitUntil('the child to be marked failed', () => child.status.state === 'failed');

    expect(child.status).toMatchObject({ pid: null, restarts: 2, nextRestartAt: null });
    expect(child.status.lastError).toMatch(/stopped unexpectedly 3 times within 60 s/);
    expect(child.connection).toBeUndefined();
    await waitUntil('the last process to be gone', () => isGone(lastPid));
    // Well past the largest backoff delay (200 ms): a failed child is not restarted.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(child.status).toMatchObject({ state: 'failed', restarts: 2 });
  });

  it('restarts a native program killed from outside, waiting longer after each crash', async () => {
    const statuses: ChildStatus[] = [];
    const { supervisor } = makeSupervisor();
    const child = await supervisor.start({
      name: 'sleeper',
      command: 'sleep',
      args: ['1000'],
      restart: { maxRestarts: 5, windowMs: 60_000, initialDelayMs: 100, maxDelayMs: 2_000, factor: 4 },
    });
    // When each status arrived: nextRestartAt minus that is the delay the supervisor planned.
    const seenAt = new Map<ChildStatus, number>();
    child.onStatus((status) => {
      statuses.push(status);
      seenAt.set(status, Date.now());
    });
    const delays: number[] = [];
    for (let crash = 1; crash <= 2; crash++) {
      const wrapperPid = child.pid as number;
      killOnCleanup(wrapperPid, true);
      const sleepPid = await childOf(wrapperPid);
      process.kill(sleepPid, 'SIGKILL'); // sleep does not cooperate: it just dies
      const backoff = await waitUntil(`backoff after crash ${crash}`, () =>
        statuses.find((s) => s.state === 'backoff' && s.restarts === crash - 1),
      );
      expect(backoff.lastExit).toMatchObject({ signal: 'SIGKILL' });
      delays.push((backoff.nextRestartAt as number) - seenAt.get(backoff)!);
      await waitUntil(
        `running after crash ${crash}`,
        () => child.status.state === 'running' && child.status.restarts === crash,
      );
      killOnCleanup(child.pid ?? undefined, true);
      expect(child.pid).not.toBe(wrapperPid);
      expect(await isGone(sleepPid)).toBe(true);
      const newSleep = await childOf(child.pid as number);
      expect(commandLine(newSleep)).toBe('sleep 1000');
    }
    // The planned delay grows by the factor: about 100 ms, then about 400 ms.
    expect(delays[0]!).toBeLessThanOrEqual(100);
    expect(delays[1]!).toBeGreaterThan(300);
    expect(delays[1]!).toBeLessThanOrEqual(400);
  });

  it('kills and restarts a child that keeps failing its health check', async () => {
    const { supervisor } = makeSupervisor();
    const child = await supervisor.start(jsonRpcSpec({ healthIntervalMs: 100 }));
    const states = recordStates(child);
    const firstPid = child.pid as number;
    killOnCleanup(firstPid, true);

    await child.connection?.sendRequest('sicken');
    await waitUntil(
      'a restart after three failed checks',
      () => child.status.state === 'running' && child.status.restarts === 1,
    );
    killOnCleanup(child.pid ?? undefined, true);

    expect(states.slice(0, 5)).toEqual(['running', 'unhealthy', 'backoff', 'starting', 'running']);
    expect(await isGone(firstPid)).toBe(true);
    expect(await child.connection?.sendRequest('ping')).toBe('pong');
  });

  it('leaves no child alive when its parent is SIGKILLed', async () => {
    const runDir = tempDir();
    const host = spawn(process.execPath, ['--import', 'tsx', fixture('supervisorHost.ts'), runDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    killOnCleanup(host.pid);
    const line = await firstLine(host);
    const { wrappers, children } = JSON.parse(line) as { wrappers: number[]; children: number[] };
    for (const pid of wrappers) killOnCleanup(pid, true);
    expect(wrappers).toHaveLength(2);
    expect(children).toHaveLength(2);
    expect(await allGone([...wrappers, ...children])).toBe(false);
    expect(readdirSync(runDir).sort()).toEqual(['rpc.json', 'sleeper.json']);

    host.kill('SIGKILL');

    await waitUntil('every watchdog and child of the killed host to be gone', () =>
      allGone([...wrappers, ...children]),
    );

    // The next start finds the host's records, sees nothing of ours alive behind them, and only tidies up.
    const { supervisor } = makeSupervisor(runDir);
    const result = await supervisor.reapStale();
    expect(result.reaped).toEqual([]);
    expect(readdirSync(runDir)).toEqual([]);
  });

  it('reaps a watchdog left by a previous run, but never an unrelated process behind a stale record', async () => {
    const runDir = tempDir();
    // "Previous run": a watchdog whose lifeline this test holds, so it stays up until someone reaps it.
    const instance = randomUUID();
    const orphan = spawn(process.execPath, [watchdogPath, '--instance', instance, '--', 'sleep', '1000'], {
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    const orphanPid = orphan.pid as number;
    killOnCleanup(orphanPid, true);
    const orphanChild = await childOf(orphanPid);
    const deadOwner = spawnSync('true').pid;
    const record = (pid: number, id: string): string =>
      JSON.stringify({ pid, instance: id, command: 'sleep 1000', startedAt: Date.now() - 60_000, ownerPid: deadOwner });
    writeFileSync(join(runDir, 'old-sleeper.json'), record(orphanPid, instance));

    // A pid that got reused by something else: a plain sleep that is not our watchdog.
    const bystander = spawn('sleep', ['1000'], { stdio: 'ignore' });
    const bystanderPid = bystander.pid as number;
    killOnCleanup(bystanderPid);
    writeFileSync(join(runDir, 'reused.json'), record(bystanderPid, randomUUID()));
    writeFileSync(join(runDir, 'garbled.json'), '{ not json');

    const { supervisor } = makeSupervisor(runDir);
    const result = await supervisor.reapStale();

    expect(result.reaped).toEqual([orphanPid]);
    expect(result.ignored).toEqual([bystanderPid]);
    await waitUntil('the orphaned watchdog and its sleep to be gone', () => allGone([orphanPid, orphanChild]));
    expect(signalZero(bystanderPid)).toBe('alive');
    expect(commandLine(bystanderPid)).toBe('sleep 1000');
    expect(readdirSync(runDir)).toEqual([]);
  });

  it('round-trips an IPC message through the watchdog to the real child', async () => {
    const { supervisor } = makeSupervisor();
    const replies: { echo: unknown; pid: number }[] = [];
    const child = await supervisor.start({
      name: 'echo',
      command: process.execPath,
      args: [fixture('children/ipcEcho.mjs')],
      stdio: 'ipc',
      // Ready once a message comes back; a message sent before the child listens is simply retried.
      health: {
        kind: 'custom',
        check: (c) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('no echo')), 500);
            const listener = c.onMessage(() => {
              clearTimeout(timer);
              listener.dispose();
              resolve();
            });
            c.send('ready?');
          }),
      },
    });
    const wrapperPid = child.pid as number;
    killOnCleanup(wrapperPid, true);
    child.onMessage((message) => replies.push(message as { echo: unknown; pid: number }));

    child.send({ hello: 'world', n: [1, 2, 3] });
    const reply = await waitUntil('the echo', () => replies.find((r) => typeof r.echo === 'object'));

    expect(reply.echo).toEqual({ hello: 'world', n: [1, 2, 3] });
    expect(reply.pid).toBe(await childOf(wrapperPid));
    expect(reply.pid).not.toBe(wrapperPid);

    await supervisor.stop('echo');
    expect(() => child.send('anyone?')).toThrow(expect.objectContaining({ code: 'SIDECAR_DOWN' }) as unknown as Error);
  });

  it('waits for an HTTP or TCP probe, and reports a child that never gets healthy as SIDECAR_DOWN', async () => {
    const { supervisor } = makeSupervisor();
    const port = await freePort();
    const webSpec: ChildSpec = {
      name: 'web',
      command: process.execPath,
      args: [fixture('children/httpServer.mjs'), String(port)],
      health: { kind: 'http', url: `http://127.0.0.1:${port}/health` },
    };

    const web = await supervisor.start(webSpec);
    killOnCleanup(web.pid ?? undefined, true);
    expect(web.status.state).toBe('running');
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).text()).toBe('ok');
    await supervisor.stop('web');

    const tcp = await supervisor.start({
      ...webSpec,
      name: 'web-tcp',
      health: { kind: 'tcp', host: '127.0.0.1', port },
    });
    killOnCleanup(tcp.pid ?? undefined, true);
    expect(tcp.status.state).toBe('running');
    await supervisor.stop('web-tcp');

    const failing = supervisor.start({
      ...webSpec,
      name: 'web-broken',
      health: { kind: 'http', url: () => `http://127.0.0.1:${port}/broken` },
      startTimeoutMs: 1_500,
    });
    const error = await failing.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('SIDECAR_DOWN');
    expect((error as HearthError).message).toMatch(
      /web-broken was not ready within 1\.5 s \(GET .*\/broken answered 503\)/,
    );
    const broken = supervisor.get('web-broken');
    expect(broken?.status).toMatchObject({ state: 'failed', pid: null });
    expect(supervisor.list().map((s) => [s.name, s.state, s.pid])).toEqual([
      ['web', 'stopped', null],
      ['web-tcp', 'stopped', null],
      ['web-broken', 'failed', null],
    ]);
    const lastPort = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => 'still listening',
      () => 'closed',
    );
    expect(lastPort).toBe('closed');
  });
});

function firstLine(proc: ChildProcess, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no output line from the host within ${timeoutMs} ms`)), timeoutMs);
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(buffer.slice(0, newline));
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with code ${code} before printing its pids`));
    });
  });
}
