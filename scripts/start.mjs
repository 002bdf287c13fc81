// `npm start`: the desktop app where Electron can run, else the headless shell with its sign-in link.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binDir, ensureDependencies, forwardStopSignals, root, run, stopSignal } from './lib.mjs';

// Stopping `npm start` (Ctrl+C, SIGTERM from a service manager or a test, a closed terminal) stops what it runs:
// the install or build in progress, or the shell, which then stops its own children. Exits with the shell's code.
// package.json starts this with `exec`: npm signals the `sh -c` that runs a script, which would die without passing
// the signal on.
forwardStopSignals();
/** Exits when a stop signal ended the step that just finished, rather than going on to the next. */
const unlessStopped = (code) => {
  if (stopSignal()) process.exit(code);
  return code;
};

await ensureDependencies();

/** Electron's binary arrives only through install-electron; look for it on disk, never import electron. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const headless = process.argv.includes('--headless');
if (!headless && !electronBinary()) {
  console.log('› Fetching the Electron binary (install-electron)…');
  unlessStopped(
    await run(join(binDir, 'install-electron'), [], { group: true, spawn: { stdio: 'ignore', timeout: 300_000 } }),
  );
}
const electron = electronBinary();
const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log('› Building…');
const built = unlessStopped(await run('node', [join(root, 'scripts/build.mjs')], { group: true }));
if (built !== 0) process.exit(built);

if (electron && hasDisplay && !headless) {
  console.log('› Starting Hearth (desktop)…');
  process.exit(await run(electron, [root]));
}
console.log(
  headless
    ? '› Starting the headless shell.'
    : electron
      ? '› No display: starting the headless shell instead of the desktop app.'
      : '› Electron cannot run on this machine (its binary could not be installed): starting the headless shell.',
);
const args = process.argv.slice(2).filter((a) => a !== '--headless');
process.exit(await run('node', [join(root, 'dist/server/main.mjs'), ...args]));
