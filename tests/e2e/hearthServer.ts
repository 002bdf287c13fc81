import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../helpers/tempCore';

export interface RunningHearth {
  /** The first one-time sign-in link. */
  url: string;
  /** Asks the running shell for another one-time link (what pressing Enter in its terminal does). */
  newSignInUrl(): Promise<string>;
  origin: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function makeDataDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'hearth-e2e-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Starts the built headless shell (`dist/server/main.mjs`, as `npm start` does) on a free port. */
export async function startHearth(dataDir: string, port = 0, extraArgs: string[] = []): Promise<RunningHearth> {
  const args = [join(repoRoot, 'dist/server/main.mjs'), '--json', '--port', String(port), ...extraArgs];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, HEARTH_HOME: dataDir },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the headless shell exited with ${code} before printing a URL`));
      child.once('exit', onExit);
      lines.once('line', (line) => {
        child.off('exit', onExit);
        resolve(line);
      });
    });
  const info = JSON.parse(await nextLine()) as { url: string; origin: string; dataDir: string };
  return {
    ...info,
    newSignInUrl: async () => {
      const next = nextLine();
      child.stdin!.write('\n');
      return (JSON.parse(await next) as { url: string }).url;
    },
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
