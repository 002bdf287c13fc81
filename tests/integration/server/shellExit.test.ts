import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { descendantsOf, stillRunning, type ProcessInfo } from '../../../scripts/orphans.mjs';
import { repoRoot, tempDir, waitFor } from '../../helpers/tempCore';

/*
 * The headless shell stops its children (Chroma, the S3 server) on every way out, not only on SIGTERM (which
 * npmStart.test.ts covers through `npm start`). Run from source, so that no build is needed.
 */

const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
// A deliberate fault, on request over stdin: "throw" raises an uncaught exception, "reject" leaves a rejection unhandled.
const faults = `process.stdin.on('data', (d) => {
  if (String(d).includes('throw')) setTimeout(() => { throw new Error('deliberate failure'); });
  if (String(d).includes('reject')) void Promise.reject(new Error('deliberate rejection'));
});`;

let shell: ChildProcess | undefined;
let home: Awaited<ReturnType<typeof tempDir>> | undefined;
let tree: ProcessInfo[] = [];

afterEach(async () => {
  if (shell && shell.exitCode === null && shell.signalCode === null) {
    tree = [...tree, ...descendantsOf(shell.pid!)];
    shell.kill('SIGKILL');
  }
  for (const p of tree.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
  tree = [];
  await home?.remove();
});

/** Starts the shell, waits for its sign-in line and its sidecars, and returns its output so far. */
async function startShell(): Promise<{ stderr: () => string }> {
  home = await tempDir('hearth-shell-exit-');
  shell = spawn(
    process.execPath,
    [
      '--import',
      tsxLoader,
      '--import',
      `data:text/javascript,${encodeURIComponent(faults)}`,
      join(repoRoot, 'electron/server/main.ts'),
      '--json',
      '--port',
      '0',
    ],
    { cwd: repoRoot, env: { ...process.env, HEARTH_HOME: home.path }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  shell.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  shell.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const child = shell;
  await waitFor(
    'the shell to print its link and run Chroma and the S3 server',
    () => {
      if (child.exitCode !== null) throw new Error(`the shell exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
      tree = descendantsOf(child.pid!);
      const runs = (script: string) => tree.some((p) => p.command.includes(script) && !p.command.includes('watchdog'));
      return stdout.includes('"url"') && runs('chromadb') && runs('devS3Server');
    },
    60_000,
  );
  return { stderr: () => stderr };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the headless shell stops its children', () => {
  it.each(['SIGINT', 'SIGHUP'] as const)(
    'on %s, and exits 0',
    async (signal) => {
      await startShell();
      const exited = exitOf(shell!);
      shell!.kill(signal);
      expect(await exited).toBe(0);
      expect(tree.filter(stillRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
    },
    120_000,
  );

  it.each([
    ['throw', 'uncaughtException', 'deliberate failure'],
    ['reject', 'unhandledRejection', 'deliberate rejection'],
  ])(
    'after a fault (%s): logs it as %s and exits 1',
    async (fault, event, message) => {
      const { stderr } = await startShell();
      const exited = exitOf(shell!);
      shell!.stdin!.write(`${fault}\n`);
      expect(await exited).toBe(1);
      expect(stderr()).toContain(`Hearth failed (${event}): Error: ${message}`);
      expect(tree.filter(stillRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
    },
    120_000,
  );
});
