import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../../tests/helpers/tempCore';
import { descendantsOf } from '../ingestProbes';
import { ProcessPeaks } from './processPeaks';

const childScript = fileURLToPath(new URL('./scaleIngestChild.ts', import.meta.url));
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** Wall-clock milliseconds with sub-millisecond precision, comparable between this process and the child. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** What one run of the ingesting core did. */
export interface ChildRun {
  spawnedAt: number;
  /** The core had started (sidecars up, storage ready). */
  readyAt: number;
  /** Base name → when it was indexed (the child's clock). */
  indexed: { name: string; at: number }[];
  failed: string[];
  /** When the child said it was done, or null if it was killed first. */
  doneAt: number | null;
  /** When this process sent SIGKILL, or null. */
  killedAt: number | null;
  /** Peak RSS by role (core, Chroma, S3 server, inference worker, watchdogs). */
  peaks: Record<string, number>;
}

/**
 * Runs scaleIngestChild.ts (`ingest` submits the corpus; `resume` lets the core resume a killed run's jobs) and
 * follows its output; with `killAfter`, SIGKILLs it once that many documents are indexed, as a crash would.
 */
export async function runIngestChild(options: {
  dataDir: string;
  corpusDir: string;
  mode: 'ingest' | 'resume';
  killAfter?: number;
  /** Called per document indexed (progress on the terminal). */
  onIndexed?: (count: number) => void;
}): Promise<ChildRun> {
  const spawnedAt = wallNow();
  const child = spawn(
    process.execPath,
    ['--no-warnings', '--import', tsxLoader, childScript, options.dataDir, options.corpusDir, options.mode],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const peaks = new ProcessPeaks(child.pid!, 'core', 1000);
  const run: ChildRun = {
    spawnedAt,
    readyAt: Number.NaN,
    indexed: [],
    failed: [],
    doneAt: null,
    killedAt: null,
    peaks: {},
  };
  let orphans: number[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [word, ...rest] = line.split(' ');
    if (word === 'ready') run.readyAt = Number(rest[0]);
    else if (word === 'done') run.doneAt = Number(rest[0]);
    else if (word === 'failed') run.failed.push(rest.join(' '));
    else if (word === 'indexed') {
      run.indexed.push({ name: rest.slice(0, -1).join(' '), at: Number(rest[rest.length - 1]) });
      options.onIndexed?.(run.indexed.length);
      if (run.killedAt === null && run.indexed.length === options.killAfter) {
        // Peaks first: once killed, the processes (and their VmHWM) are gone.
        void peaks.sample().finally(async () => {
          orphans = await descendantsOf(child.pid!);
          run.killedAt = wallNow();
          child.kill('SIGKILL');
        });
      }
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  run.peaks = await peaks.stop();
  if (signal === 'SIGKILL' && run.killedAt !== null) {
    // The sidecars' watchdogs see their parent gone and stop them; wait for that, as a restart after a crash would.
    const deadline = Date.now() + 60_000;
    while (orphans.some((pid) => existsSync(`/proc/${pid}`)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    return run;
  }
  if (code !== 0 || run.doneAt === null)
    throw new Error(`the ingesting core (${options.mode}) exited ${code ?? signal}: ${stderr}`);
  return run;
}
