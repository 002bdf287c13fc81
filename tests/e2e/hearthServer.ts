import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../helpers/tempCore';

export interface RunningHearth {
  /** The one-time sign-in link. */
  url: string;
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
export async function startHearth(dataDir: string, port = 0): Promise<RunningHearth> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/server/main.mjs'), '--json', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, HEARTH_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the headless shell exited with ${code} before printing its URL`)));
  });
  const info = JSON.parse(line) as { url: string; origin: string; dataDir: string };
  return {
    ...info,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
