// Finding processes that outlive what started them: the process tree (for "did stopping X stop everything X
// started?") and an environment marker (for "is anything this test run started still alive?"). Plain JS for the
// machine's Node (20+), like lib.mjs. Linux reads /proc; elsewhere (macOS) `ps` answers the same questions.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The marker `npm test` gives every process it starts; children inherit it through their environment. */
export const TEST_RUN_MARKER = 'HEARTH_TEST_RUN';

const useProc = process.platform === 'linux';

/**
 * One process: `start` tells a reused pid apart from the process seen earlier (clock ticks since boot on Linux,
 * null elsewhere); a zombie has exited and only waits to be reaped, so it counts as gone.
 * @typedef {{ pid: number, ppid: number, start: string | null, zombie: boolean, command: string }} ProcessInfo
 */

/** @returns {ProcessInfo | null} */
function readProc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replaceAll('\0', ' ');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return {
      pid,
      ppid: Number(fields[1]),
      start: fields[19] ?? null,
      zombie: fields[0] === 'Z',
      command: cmdline || `[${comm}]`,
    };
  } catch {
    return null; // gone between listing and reading, or not ours to read
  }
}

/** Every process on the machine that this user may see. */
export function listProcesses() {
  if (useProc) {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readProc(Number(name)))
      .filter((p) => p !== null);
  }
  const out = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,command='], { encoding: 'utf8' }).stdout ?? '';
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), start: null, zombie: m[3].startsWith('Z'), command: m[4] }));
}

/** The children of `pid`, their children and so on (not `pid` itself), from one snapshot of the process table. */
export function descendantsOf(pid, processes = listProcesses()) {
  const byParent = new Map();
  for (const p of processes) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const found = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** True while the process seen earlier (same pid, same start) is running; a zombie or a reused pid is not it. */
export function stillRunning(seen) {
  if (useProc) {
    const now = readProc(seen.pid);
    return now !== null && !now.zombie && (seen.start === null || now.start === seen.start);
  }
  const now = listProcesses().find((p) => p.pid === seen.pid);
  return now !== undefined && !now.zombie;
}

/** `pid` and the processes above it: never reported as orphans, even when they carry the marker themselves. */
function selfAndAncestors(processes) {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const chain = new Set();
  for (let pid = process.pid; pid > 0 && !chain.has(pid); pid = byPid.get(pid)?.ppid ?? 0) chain.add(pid);
  return chain;
}

/**
 * Running processes whose environment holds `name=value`, except this process and its ancestors.
 * /proc/<pid>/environ is the environment a process was started with: a process that clears its environment for
 * its own children (spawn with a fresh `env`) hides them from this check.
 */
export function findMarked(value, name = TEST_RUN_MARKER) {
  const entry = `${name}=${value}`;
  const processes = listProcesses();
  const skip = selfAndAncestors(processes);
  if (useProc) {
    return processes.filter((p) => {
      if (p.zombie || skip.has(p.pid)) return false;
      try {
        return readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').includes(entry);
      } catch {
        return false;
      }
    });
  }
  // BSD/macOS `ps eww` appends each process's environment to its command line.
  const out = spawnSync('ps', ['eww', '-A', '-o', 'pid=,command='], { encoding: 'utf8' }).stdout ?? '';
  const marked = new Set(
    out
      .split('\n')
      .filter((line) => line.split(/\s+/).includes(entry))
      .map((line) => Number(line.trim().split(/\s+/)[0])),
  );
  return processes.filter((p) => marked.has(p.pid) && !p.zombie && !skip.has(p.pid));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends a run: waits up to `settleMs` for processes carrying the marker to exit by themselves (a test runner's
 * workers go a moment after it), then SIGTERMs the rest, SIGKILLs what is left after `graceMs`, and returns those
 * survivors: each one is a process the run left behind.
 * @param {{ value: string, name?: string, settleMs?: number, graceMs?: number }} options
 *   value: the marker's value for this run; name: the variable (HEARTH_TEST_RUN);
 *   settleMs: how long processes may take to go by themselves; graceMs: between SIGTERM and SIGKILL.
 * @returns {Promise<ProcessInfo[]>}
 */
export async function reapOrphans({ value, name = TEST_RUN_MARKER, settleMs = 3000, graceMs = 2000 }) {
  const settleUntil = Date.now() + settleMs;
  let survivors = findMarked(value, name);
  while (survivors.length && Date.now() < settleUntil) {
    await sleep(100);
    survivors = findMarked(value, name);
  }
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGKILL'])) {
    const left = survivors.filter(stillRunning);
    for (const p of left) {
      try {
        process.kill(p.pid, signal);
      } catch {
        // ESRCH: it went on its own
      }
    }
    const until = Date.now() + graceMs;
    while (signal === 'SIGTERM' && left.some(stillRunning) && Date.now() < until) await sleep(50);
  }
  return survivors;
}
