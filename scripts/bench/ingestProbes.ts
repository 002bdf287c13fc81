import { readdir, readFile } from 'node:fs/promises';
import type { IngestProgress } from '../../electron/core/library/pipeline/pipelineTypes';
import type { RuntimeService } from '../../electron/core/runtime/RuntimeService';
import type { VectorStore } from '../../electron/core/vectors/VectorStore';

/**
 * The work a job does while it stands at a stage, named by that stage: a job at `stored` is being parsed, and its
 * next event (`parsed`) says the parse is over. The first step (queued → admitted: one stat) has no event at its
 * start and is not counted.
 */
const WORK_AT_STAGE: Readonly<Record<string, string>> = {
  admitted: 'hash',
  hashed: 'store',
  stored: 'parse',
  parsed: 'chunk',
  chunked: 'embed+vectors',
  embedded: 'finalize',
};

/**
 * Time per pipeline stage from progress events: the moment each job enters each stage is recorded, and a stage's
 * time is the sum over files of (left − entered). The pipeline works on several files at once (a bounded worker
 * pool) and their stages overlap, so stage sums can add up to more than the wall time; a stage's time also includes
 * waiting for a shared resource (the inference worker embeds one request at a time).
 */
export class StageClock {
  readonly totals = new Map<string, number>();
  readonly #at = new Map<string, { stage: string; at: number }>();
  readonly failures: { name: string; code: string; message: string }[] = [];
  pages = 0;

  readonly onProgress = (event: IngestProgress): void => {
    if (event.kind !== 'file') return;
    const now = performance.now();
    const last = this.#at.get(event.jobId);
    if (last?.stage === event.stage) return; // a byte update while hashing
    if (last) {
      const work = WORK_AT_STAGE[last.stage] ?? last.stage;
      this.totals.set(work, (this.totals.get(work) ?? 0) + (now - last.at));
    }
    this.#at.set(event.jobId, { stage: event.stage, at: now });
    if (event.error && (event.stage === 'failed' || event.stage === 'cancelled')) {
      this.failures.push({ name: event.name, code: event.error.code, message: event.error.message });
    }
  };

  get(work: string): number {
    return this.totals.get(work) ?? 0;
  }
}

/** What the runtime's embed calls cost while the hook was on. */
export interface EmbedTally {
  calls: number;
  texts: number;
  tokens: number;
  truncated: number;
  /** Sum of call durations (calls of two files may overlap: see StageClock). */
  ms: number;
}

/**
 * Counts every `core.runtime.embed` call (the library calls it through the core's closure, by property lookup),
 * so the embed share of the "embed+vectors" stage can be told apart from the vector store's upserts. A measuring
 * hook for the bench only; `restore` puts the method back.
 */
export function tallyEmbeds(runtime: RuntimeService): { tally: EmbedTally; restore(): void } {
  const tally: EmbedTally = { calls: 0, texts: 0, tokens: 0, truncated: 0, ms: 0 };
  const original = runtime.embed;
  runtime.embed = async (texts, options) => {
    const start = performance.now();
    const result = await original.call(runtime, texts, options);
    tally.ms += performance.now() - start;
    tally.calls++;
    tally.texts += texts.length;
    tally.tokens += result.tokens;
    tally.truncated += result.truncated;
    return result;
  };
  return {
    tally,
    restore: () => {
      runtime.embed = original;
    },
  };
}

/** Time in the vector store's writes: clearing a document's old vectors, and upserting the new ones. */
export interface VectorTally {
  deletes: number;
  deleteMs: number;
  upserts: number;
  upsertMs: number;
}

/**
 * Times the writes of the index the batch will use (the library hands the pipeline this same store object, looked
 * up by key), the way `tallyEmbeds` times embedding; `restore` puts the methods back.
 */
export function tallyVectorWrites(store: VectorStore): { tally: VectorTally; restore(): void } {
  const tally: VectorTally = { deletes: 0, deleteMs: 0, upserts: 0, upsertMs: 0 };
  const { upsert, deleteByDocument } = store;
  store.upsert = async (chunks) => {
    const start = performance.now();
    await upsert.call(store, chunks);
    tally.upsertMs += performance.now() - start;
    tally.upserts++;
  };
  store.deleteByDocument = async (documentId) => {
    const start = performance.now();
    await deleteByDocument.call(store, documentId);
    tally.deleteMs += performance.now() - start;
    tally.deletes++;
  };
  return {
    tally,
    restore: () => {
      store.upsert = upsert;
      store.deleteByDocument = deleteByDocument;
    },
  };
}

/** Peak resident set of this process, sampled every `intervalMs` (process.memoryUsage().rss). */
export class RssSampler {
  peak = 0;
  readonly start = process.memoryUsage().rss;
  readonly #timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.peak = this.start;
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  stop(): number {
    clearInterval(this.#timer);
    this.sample();
    return this.peak;
  }
}

/** Parent pid of every process (Linux /proc); empty where /proc is missing. */
async function parentsByPid(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
  }
  return parents;
}

/** Every descendant of `pid` (not `pid` itself). */
export async function descendantsOf(pid: number): Promise<number[]> {
  const parents = await parentsByPid();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift() as number;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** "pid state command line" of each process still there, for reporting leftovers. */
export async function describeProcesses(pids: readonly number[]): Promise<string[]> {
  const lines: string[] = [];
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (stat === null) continue;
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ').trim();
    lines.push(`${pid} ${state} ${cmd.slice(0, 200)}`);
  }
  return lines;
}

/** A process's peak resident set in bytes (VmHWM), or null where it cannot be read. */
async function peakRss(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb === undefined ? null : Number(kb) * 1024;
}

/** Peak RSS of a supervised child: its watchdog's descendants (the child proper and what it spawned), summed. */
export interface ChildPeak {
  name: string;
  pids: number[];
  peakRssBytes: number | null;
}

/**
 * Reads the peak RSS of each supervised child while it still runs (VmHWM is kept by the kernel for the life of the
 * process, so reading it once, just before disposing, gives the peak). The supervisor reports the watchdog's pid;
 * the child runs under it. Linux only: null elsewhere.
 */
export async function childPeaks(children: readonly { name: string; pid: number | null }[]): Promise<ChildPeak[]> {
  const peaks: ChildPeak[] = [];
  for (const child of children) {
    if (child.pid === null) {
      peaks.push({ name: child.name, pids: [], peakRssBytes: null });
      continue;
    }
    const pids = await descendantsOf(child.pid);
    const values = (await Promise.all(pids.map(peakRss))).filter((v): v is number => v !== null);
    peaks.push({ name: child.name, pids, peakRssBytes: values.length ? values.reduce((a, b) => a + b, 0) : null });
  }
  return peaks;
}
