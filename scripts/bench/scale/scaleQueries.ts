import type { TestCore } from '../../../tests/helpers/tempCore';
import { percentile, round } from '../stats';

const ctx = { origin: 'internal' as const, signal: new AbortController().signal };

/** A contract call through the core's dispatcher, as a client's call arrives (validation, handler, output check). */
export async function call<T>(core: TestCore, channel: string, input: unknown): Promise<T> {
  const result = await core.services.dispatcher.call(channel, input, ctx);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** `library.list` as the Library screen opens: the first page (paged contract) or everything (unpaged one). */
interface ListAnswer {
  items?: unknown[];
  documents?: unknown[];
  nextCursor?: string | null;
  total?: number;
}
export const listedRows = (answer: ListAnswer): number => (answer.items ?? answer.documents ?? []).length;

interface SearchAnswer {
  passages: unknown[];
  vectorSkipped: string | null;
}

/** Milliseconds since `t0` (performance.now()). */
const since = (t0: number): number => performance.now() - t0;

/** p50 / p99 / max of `runs` timed calls of `once`. */
export async function latencies(runs: number, once: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once(i);
    times.push(since(t0));
  }
  return times;
}

export const p = (values: number[], at: number): number => round(percentile(values, at), 1);

/**
 * A question made of four words of a random stored passage, so every search has something to find; the sequence of
 * questions is seeded. Passages are read from the catalogue, as the library holds them.
 */
export function questions(core: TestCore, count: number, seed = 11): string[] {
  let a = seed;
  const random = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const docs = core.services.libraryCatalog.listDocuments({ status: 'indexed' });
  return Array.from({ length: count }, () => {
    const chunks = core.services.libraryCatalog.listChunks(docs[Math.floor(random() * docs.length)]!.id);
    const words = chunks[Math.floor(random() * chunks.length)]!.text.toLowerCase().match(/[a-z]+/g) ?? ['the'];
    return Array.from({ length: 4 }, () => words[Math.floor(random() * words.length)]).join(' ');
  });
}

/** Restart timings, each from the start of the core: when it answered what. */
export interface RestartTiming {
  /** `startTestCore` returned (the database open, sidecars starting in the background). */
  startMs: number;
  listMs: number;
  /** Chroma and the S3 server up. */
  storageMs: number;
  /** A hybrid search with vectors: the inference worker started and the embedding model loaded. */
  searchMs: number;
  /** The watched folder's rescan (started by the living library once it is up) is over. */
  rescanMs: number | null;
}

/**
 * Starts a core on `dataDir` and times it to usable, as a client sees it, all from the same start: `library.list`
 * answers; a hybrid `library.search` returns with meaning search taking part (asked again while it says vectors
 * were skipped); with a watched folder, the folder's rescan at start is over. The waits run side by side.
 */
export async function timedStart(
  start: () => Promise<TestCore>,
  query: string,
  watchedFolder: boolean,
): Promise<{ core: TestCore; timing: RestartTiming }> {
  const t0 = performance.now();
  const wall0 = Date.now();
  const core = await start();
  const startMs = since(t0);
  const searched = async (): Promise<number> => {
    for (;;) {
      const answer = await call<SearchAnswer>(core, 'library.search', { query, mode: 'hybrid', topK: 10 });
      if (answer.vectorSkipped === null && answer.passages.length > 0) return since(t0);
      if (since(t0) > 600_000) throw new Error(`search still not usable after restart: ${answer.vectorSkipped}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const rescanned = async (): Promise<number | null> => {
    if (!watchedFolder) return null;
    return (
      startMs +
      (await until(
        'the watched folder rescan at start',
        () => {
          const [folder] = core.services.living.watch.list();
          return !!folder && folder.state !== 'scanning' && (folder.lastScanAt ?? 0) >= wall0;
        },
        3_600_000,
      ))
    );
  };
  try {
    const [listMs, storageMs, searchMs, rescanMs] = await Promise.all([
      call(core, 'library.list', {}).then(() => since(t0)),
      core.services.storage.ready.then(() => since(t0)),
      searched(),
      rescanned(),
    ]);
    return { core, timing: { startMs, listMs, storageMs, searchMs, rescanMs } };
  } catch (error) {
    await core.dispose();
    throw error;
  }
}

/** Polls until `check` holds; the milliseconds it took. */
export async function until(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!check()) {
    if (since(t0) > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return since(t0);
}

/** Searches of one mode through `library.search`; the latencies and the mean passages returned. */
export async function searchLatencies(
  core: TestCore,
  mode: 'keyword' | 'hybrid',
  asked: readonly string[],
): Promise<{ times: number[]; meanPassages: number }> {
  let passages = 0;
  const times = await latencies(asked.length, async (i) => {
    const answer = await call<SearchAnswer>(core, 'library.search', { query: asked[i], mode, topK: 10 });
    passages += answer.passages.length;
  });
  return { times, meanPassages: passages / asked.length };
}

export type { ListAnswer };
