// Helpers shared by the project's entry scripts. Plain JS for the machine's Node (20+): these run
// before node_modules (and the project's Node 24) exist.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const binDir = join(root, 'node_modules', '.bin');

/** The environment for project tools: node_modules/.bin first, so `node` is the project's Node 24. */
export function toolEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${binDir}:${process.env.PATH ?? ''}`,
    NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true',
    ...extra,
  };
}

/** Installs npm dependencies when node_modules is missing or older than the lockfile. */
export async function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const fresh =
    existsSync(marker) && existsSync(join(binDir, 'node')) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  console.log('› Installing dependencies (npm ci)…');
  // The machine's npm, not a tool environment: node_modules/.bin may be half there or about to be replaced.
  const code = await run('npm', ['ci', '--no-audit', '--no-fund'], {
    group: true,
    spawn: { env: { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' } },
  });
  if (stopSignal()) process.exit(code);
  if (code !== 0) fail('npm ci failed (see above). Check your network access to the npm registry.');
}

/** What run() has started and not yet seen exit, so that a stop signal reaches it. */
const running = new Set();
let forwarding = false;
let stoppedBy = null;

/** The exit code a shell reports for a process ended by `signal`. */
export function signalExitCode(signal) {
  return 128 + (constants.signals[signal] ?? 0);
}

/** The stop signal this process received (see forwardStopSignals), or null. */
export function stopSignal() {
  return stoppedBy;
}

function deliver({ child, group }, signal) {
  try {
    // A group leader takes its whole group (npm ci's scripts, vite's esbuild) with it.
    process.kill(group ? -child.pid : child.pid, signal);
  } catch {
    // ESRCH: it has just exited
  }
}

/**
 * Passes SIGINT, SIGTERM and SIGHUP on to everything run() started (and makes run() start nothing more), instead of
 * dying at once and leaving it running. The caller exits once its child has: see stopSignal().
 */
export function forwardStopSignals() {
  forwarding = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stoppedBy ??= signal;
      if (running.size === 0) process.exit(signalExitCode(signal));
      for (const entry of running) deliver(entry, signal);
    });
  }
}

/**
 * Runs a command with the tool environment; resolves with its exit code (128+signal when a signal ended it).
 * `group: true` starts it as the leader of its own process group, so that a forwarded signal reaches its children
 * too: for steps (install, build) whose children do not pass signals on themselves. Only where forwardStopSignals()
 * runs: a group of its own is out of reach of the terminal's Ctrl+C, so this process must pass it on.
 */
export function run(command, args, options = {}) {
  if (stoppedBy) return Promise.resolve(signalExitCode(stoppedBy));
  const group = Boolean(options.group) && forwarding;
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: toolEnv(options.env),
      detached: group,
      ...options.spawn,
    });
    const entry = { child, group };
    if (child.pid !== undefined) running.add(entry);
    child.on('exit', (code, signal) => {
      running.delete(entry);
      resolve(code ?? (signal ? signalExitCode(signal) : 0));
    });
    child.on('error', (error) => {
      running.delete(entry);
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(127);
    });
  });
}

/** True when a program is on PATH. */
export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

export function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}
