// @ts-check
/**
 * Hearth's watchdog: the process the supervisor really spawns, so that a child dies with Hearth even when Hearth is
 * SIGKILLed and the child does not cooperate (a native `minio` knows nothing about its parent).
 *
 *   node watchdog.cjs --instance <uuid> [--parent-pid <pid>] [--grace-ms <ms>] -- <command> [args...]
 *
 * The supervisor spawns it detached, so it leads its own process group (pgid == its pid), and the real command is
 * spawned into that same group. fd 3 is a "lifeline" pipe whose other end only the supervisor holds; the kernel closes
 * it when the supervisor dies, however it dies. Then the watchdog SIGTERMs its whole group, SIGKILLs it after the grace
 * period, and exits. `--instance` makes the command line recognisable, so a later Hearth reaps only its own wrappers.
 *
 * No dependencies and plain CommonJS: it must run under any Node (or Electron with ELECTRON_RUN_AS_NODE=1) as is.
 */
'use strict';

const { spawn } = require('node:child_process');
const net = require('node:net');
const os = require('node:os');

function usage(message) {
  process.stderr.write(`hearth-watchdog: ${message}\n`);
  process.exit(64);
}

/** @returns {{ instance: string, parentPid: number, graceMs: number, command: string, args: string[] }} */
function parseArgs(argv) {
  const sep = argv.indexOf('--');
  if (sep < 0 || sep === argv.length - 1) usage('expected -- <command> [args...]');
  const own = argv.slice(0, sep);
  const options = { instance: '', parentPid: process.ppid, graceMs: 3000 };
  for (let i = 0; i < own.length; i += 2) {
    const value = own[i + 1];
    if (value === undefined) usage(`missing value for ${own[i]}`);
    else if (own[i] === '--instance') options.instance = value;
    else if (own[i] === '--parent-pid') options.parentPid = Number(value);
    else if (own[i] === '--grace-ms') options.graceMs = Number(value);
    else usage(`unknown option ${own[i]}`);
  }
  if (!options.instance) usage('--instance is required');
  const [command, ...args] = argv.slice(sep + 1);
  return { ...options, command: /** @type {string} */ (command), args };
}

const options = parseArgs(process.argv.slice(2));
const ipcMode = typeof process.send === 'function';

// stdin/stdout/stderr are inherited, so in 'pipe' mode the supervisor talks to the real child directly through us.
// Never write to stdout here: it may be the child's protocol channel.
//
// In 'ipc' mode we relay instead of passing our channel down: Node opens the IPC fd named by NODE_CHANNEL_FD at startup
// and owns it from then on (reading and framing messages), so it cannot be handed to a grandchild intact. A fresh
// channel to the child plus a relay in both directions keeps the supervisor's `send`/`message` semantics unchanged.
const child = spawn(options.command, options.args, {
  stdio: ipcMode ? ['inherit', 'inherit', 'inherit', 'ipc'] : ['inherit', 'inherit', 'inherit'],
});

let parentGone = false;

child.on('error', (error) => {
  process.stderr.write(`hearth-watchdog: cannot run ${options.command}: ${error.message}\n`);
  // 127 is what shells answer for "command not found"; the supervisor reports it as a failed start.
  process.exit(/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT' ? 127 : 126);
});

child.on('exit', (code, signal) => {
  if (parentGone) {
    // Nobody is waiting for our exit code; take any grandchildren left in the group down with us.
    killGroup('SIGKILL');
  }
  const signalNumber = signal ? os.constants.signals[signal] : undefined;
  process.exit(signalNumber !== undefined ? 128 + signalNumber : (code ?? 1));
});

if (ipcMode) {
  process.on('message', (message) => {
    if (child.connected) child.send(/** @type {any} */ (message));
  });
  child.on('message', (message) => {
    if (process.connected && process.send) process.send(message);
  });
  process.on('disconnect', () => onParentGone('ipc channel closed'));
}

// Orderly stop: the supervisor signals our group, or just us; either way the child hears it and we wait for its exit.
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, () => {
    if (!parentGone) child.kill(signal);
  });
}

function killGroup(/** @type {NodeJS.Signals} */ signal) {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // ESRCH: the group is already empty.
  }
}

function onParentGone(/** @type {string} */ reason) {
  if (parentGone) return;
  parentGone = true;
  process.stderr.write(`hearth-watchdog: parent gone (${reason}); stopping ${options.command}\n`);
  // Our own SIGTERM handler ignores the group signal we are about to send (parentGone is set), so we stay to finish.
  killGroup('SIGTERM');
  setTimeout(() => {
    killGroup('SIGKILL');
    process.exit(137);
  }, options.graceMs);
}

// The lifeline. A read end that hits EOF or errors means the supervisor's end was closed: it died.
try {
  const lifeline = new net.Socket({ fd: 3, readable: true, writable: false });
  lifeline.on('data', () => {});
  lifeline.on('end', () => onParentGone('lifeline closed'));
  lifeline.on('close', () => onParentGone('lifeline closed'));
  lifeline.on('error', () => onParentGone('lifeline error'));
} catch (error) {
  // Run by hand without fd 3: the ppid poll below still ties us to our parent.
  process.stderr.write(`hearth-watchdog: no lifeline on fd 3 (${/** @type {Error} */ (error).message})\n`);
}

// Backup for a lifeline that cannot be read (an odd fd 3 inherited by mistake): reparenting means the parent died.
setInterval(() => {
  if (process.ppid !== options.parentPid) onParentGone('parent pid changed');
}, 1000).unref();
