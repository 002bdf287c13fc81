import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/tempCore';
import {
  TEST_RUN_MARKER,
  descendantsOf,
  findMarked,
  reapOrphans,
  stillRunning,
  type ProcessInfo,
} from '../../../scripts/orphans.mjs';

const orphansModule = pathToFileURL(join(repoRoot, 'scripts/orphans.mjs')).href;

/** Every process a test here starts, killed afterwards whatever the test found. */
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone: what the test wanted
    }
  }
});

/**
 * A shell that leaves a `sleep` running in the background and waits on it: two processes, detached from this one
 * (their own process group, unreferenced), as a leaked server would be.
 */
function leak(env: Record<string, string>): number {
  const child = spawn('sh', ['-c', 'sleep 300 & wait'], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  child.unref();
  started.push(child.pid!);
  return child.pid!;
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pids = (list: ProcessInfo[]) => list.map((p) => p.pid).sort((a, b) => a - b);

describe('the process tree', () => {
  it('lists a child and its grandchild, and sees both gone once killed', async () => {
    const shell = leak({});
    // Until the shell's fork has become `sleep` (before its exec it is a second `sh`).
    await until(() => descendantsOf(shell)[0]?.command === 'sleep 300');
    const tree = descendantsOf(process.pid).filter((p) => p.pid === shell || p.ppid === shell);
    expect(tree).toHaveLength(2);
    expect(tree.find((p) => p.ppid === shell)!.command).toBe('sleep 300');
    expect(tree.every(stillRunning)).toBe(true);

    process.kill(-shell, 'SIGKILL');
    await until(() => !tree.some(stillRunning));
  });
});

describe('the orphan check at the end of a test run', () => {
  it('reports and kills a process deliberately leaked with the run marker, and only that one', async () => {
    const run = randomUUID();
    const leaked = leak({ [TEST_RUN_MARKER]: run });
    const otherRun = leak({ [TEST_RUN_MARKER]: randomUUID() });
    await until(() => findMarked(run).some((p) => p.command === 'sleep 300'));
    const sleep = descendantsOf(leaked)[0]!;

    const survivors = await reapOrphans({ value: run, settleMs: 300, graceMs: 1000 });

    expect(pids(survivors)).toEqual([leaked, sleep.pid].sort((a, b) => a - b));
    expect(survivors.map((p) => p.command)).toEqual(expect.arrayContaining(['sh -c sleep 300 & wait', 'sleep 300']));
    expect(survivors.some(stillRunning)).toBe(false);
    expect(findMarked(run)).toEqual([]);
    // Another run's process is none of this run's business.
    expect(descendantsOf(process.pid).some((p) => p.pid === otherRun && stillRunning(p))).toBe(true);
  });

  it('reports nothing when the processes of the run exit within the settle time', async () => {
    const run = randomUUID();
    const child = spawn('sh', ['-c', 'sleep 0.3'], {
      stdio: 'ignore',
      env: { ...process.env, [TEST_RUN_MARKER]: run },
    });
    started.push(child.pid!);
    await until(() => findMarked(run).length > 0);

    expect(await reapOrphans({ value: run, settleMs: 3000 })).toEqual([]);
  });

  it('never reports the process that checks, though it carries the marker itself', () => {
    const run = randomUUID();
    const check = `import { findMarked } from ${JSON.stringify(orphansModule)}; console.log(JSON.stringify(findMarked(${JSON.stringify(run)}).map((p) => p.pid)));`;
    const seen = execFileSync(process.execPath, ['--input-type=module', '-e', check], {
      env: { ...process.env, [TEST_RUN_MARKER]: run },
      encoding: 'utf8',
    });
    expect(JSON.parse(seen)).toEqual([]);
  });
});
