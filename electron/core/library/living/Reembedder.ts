import type { Logger } from 'pino';
import { HearthError } from '../../../shared/errors';
import type { Catalog } from '../catalog/Catalog';
import type { ReembedRunRecord } from '../catalog/ReembedRuns';
import type { IndexRecord } from '../catalog/VectorIndexes';
import type { IndexWriter } from '../indexing/IndexWriter';

/** Progress of a re-embed, after each document. */
export interface ReembedProgress {
  runId: string;
  model: string;
  version: number;
  done: number;
  total: number;
  /** The document just written; null for the first event of a run. */
  documentId: string | null;
}

/** Where search stands and whether a re-embed is due. */
export interface ReembedState {
  /** The index search uses now. */
  active: Pick<IndexRecord, 'name' | 'model' | 'version' | 'dimensions'> | null;
  /** What a re-embed would build: the default embedding model and the current embedding version. */
  target: { model: string | null; version: number };
  /** True when indexed documents exist and search does not use the target's index. */
  needed: boolean;
  /** The running run, or the last one. */
  run: Pick<ReembedRunRecord, 'id' | 'model' | 'version' | 'status' | 'done' | 'error'> | null;
}

/** Options for the re-embedder. */
export interface ReembedderOptions {
  catalog: Catalog;
  writer: IndexWriter;
  /** The default embedding model's id; null when none is chosen. */
  defaultModel: () => string | null;
  /** The current embedding version (part of the target index's key). */
  embeddingVersion: number;
  /** Deletes an index from its backend and the catalogue (`Library.dropIndex`). */
  dropIndex: (index: IndexRecord) => Promise<void>;
  /** How long the replaced index stays after a switch, for searches that began on it to finish (default 60 s). */
  retireAfterMs?: number;
  /** Every progress event of every run (broadcast to all clients). */
  onProgress: (progress: ReembedProgress) => void;
  logger: Logger;
}

interface Current {
  run: ReembedRunRecord;
  controller: AbortController;
  listeners: Set<(progress: ReembedProgress) => void>;
  done: Promise<ReembedState>;
}

/**
 * Re-embeds every indexed document's existing chunks into the index of the default embedding model and current
 * embedding version, one document at a time, recording each as done so a killed run resumes where it stood.
 * Search keeps using the active index all along; only when every document is in the new index does it become the
 * active one. One run at a time.
 */
export class Reembedder {
  #current: Current | null = null;
  #disposed = false;
  #retireTimer: NodeJS.Timeout | null = null;
  #retiring: Promise<string[]> | null = null;

  constructor(private readonly o: ReembedderOptions) {}

  state(): ReembedState {
    const { catalog, embeddingVersion } = this.o;
    const active = catalog.indexes.active();
    const model = this.o.defaultModel();
    const hasDocuments = catalog.listDocuments({ status: 'indexed' }).length > 0;
    const run = this.#current?.run.id ? catalog.reembeds.get(this.#current.run.id) : catalog.reembeds.latest();
    return {
      active: active && {
        name: active.name,
        model: active.model,
        version: active.version,
        dimensions: active.dimensions,
      },
      target: { model, version: embeddingVersion },
      needed: hasDocuments && model !== null && (active?.model !== model || active.version !== embeddingVersion),
      run: run
        ? { id: run.id, model: run.model, version: run.version, status: run.status, done: run.done, error: run.error }
        : null,
    };
  }

  /** Starts a run to the default model (or joins the one running); resolves when it is over. */
  run(onProgress?: (progress: ReembedProgress) => void): Promise<ReembedState> {
    const model = this.o.defaultModel();
    if (this.#disposed) throw new HearthError('CANCELLED', 'Hearth is shutting down.');
    if (!model) throw new HearthError('MODEL_UNAVAILABLE', 'Choose an embedding model first.');
    const current = this.#current;
    if (current && current.run.model === model && current.run.version === this.o.embeddingVersion) {
      if (onProgress) current.listeners.add(onProgress);
      return current.done;
    }
    current?.controller.abort();
    const start = async (): Promise<ReembedState> => {
      await current?.done.catch(() => undefined);
      // A drop under way may be of the index this run is about to write (the person switched back to that model).
      await this.#retiring;
      // A run a crash left behind for this same target continues; one for another model is given up.
      const left = this.o.catalog.reembeds.running();
      if (left && left.model === model && left.version === this.o.embeddingVersion)
        return this.#start(left, onProgress);
      if (left) this.o.catalog.reembeds.finish(left.id, 'cancelled', 'Another embedding model was chosen.');
      return this.#start(this.o.catalog.reembeds.start(model, this.o.embeddingVersion), onProgress);
    };
    return start();
  }

  /** Continues a run a crash or quit left running (if the default model is still its model); called at start. */
  resume(): Promise<ReembedState> | null {
    if (this.#disposed) return null;
    if (this.#current) return this.#current.done;
    const run = this.o.catalog.reembeds.running();
    if (!run) return null;
    if (run.model !== this.o.defaultModel() || run.version !== this.o.embeddingVersion) {
      this.o.catalog.reembeds.finish(run.id, 'cancelled', 'The embedding model changed before it finished.');
      return null;
    }
    this.o.logger.info({ runId: run.id, done: run.done }, 'resuming a re-embed');
    return this.#start(run);
  }

  /**
   * Drops the indexes search will not use again: all but the active one and the one a re-embed would build (the
   * default model's, partly filled by new documents until its re-embed). Nothing while a run goes. An index that
   * cannot be dropped now (its server is down) stays recorded and is tried again next time. Returns the dropped names.
   */
  retireStale(): Promise<string[]> {
    this.#retiring ??= this.#retire().finally(() => (this.#retiring = null));
    return this.#retiring;
  }

  async #retire(): Promise<string[]> {
    const { catalog, embeddingVersion, logger } = this.o;
    const dropped: string[] = [];
    for (const index of catalog.indexes.list()) {
      // Asked again before each drop: a run may have started, or the default changed, while the last one went.
      const active = catalog.indexes.active();
      if (this.#current || this.#disposed || !active) break;
      const model = this.o.defaultModel();
      if (index.name === active.name || (index.model === model && index.version === embeddingVersion)) continue;
      try {
        await this.o.dropIndex(index);
        dropped.push(index.name);
      } catch (error) {
        logger.warn({ err: error, index: index.name }, 'could not drop an old index; will try again');
      }
    }
    if (dropped.length > 0) logger.info({ dropped }, 'dropped indexes search no longer uses');
    return dropped;
  }

  /**
   * Once the new index is active the old one has no new readers, but a search that read the old name just before
   * the switch may still be querying it: it is dropped a while later (and at the next start if Hearth quits first).
   */
  #retireLater(): void {
    if (this.#retireTimer) clearTimeout(this.#retireTimer);
    this.#retireTimer = setTimeout(() => {
      this.#retireTimer = null;
      void this.retireStale();
    }, this.o.retireAfterMs ?? 60_000);
    this.#retireTimer.unref();
  }

  /** Stops the running run; it is marked cancelled (a new `run` starts over). */
  cancel(): boolean {
    const current = this.#current;
    if (!current) return false;
    current.controller.abort();
    return true;
  }

  /** Stops work without marking the run: it resumes at the next start. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    if (this.#retireTimer) clearTimeout(this.#retireTimer);
    const current = this.#current;
    current?.controller.abort();
    await current?.done.catch(() => undefined);
    await this.#retiring;
  }

  #start(run: ReembedRunRecord, onProgress?: (progress: ReembedProgress) => void): Promise<ReembedState> {
    const current: Current = {
      run,
      controller: new AbortController(),
      listeners: new Set(onProgress ? [onProgress] : []),
      done: Promise.resolve(this.state()),
    };
    this.#current = current;
    current.done = this.#execute(current)
      .finally(() => {
        if (this.#current === current) this.#current = null;
      })
      .then((state) => {
        if (state.run?.status === 'complete') this.#retireLater();
        return state;
      });
    return current.done;
  }

  async #execute(current: Current): Promise<ReembedState> {
    const { catalog, writer } = this.o;
    const { run, controller } = current;
    const emit = (progress: ReembedProgress): void => {
      for (const listener of [this.o.onProgress, ...current.listeners]) {
        try {
          listener(progress);
        } catch (error) {
          this.o.logger.warn({ err: error }, 'a re-embed progress listener failed');
        }
      }
    };
    try {
      // Documents indexed while the run goes are picked up by the next pass; it ends when a pass finds none.
      for (let first = true; ; first = false) {
        const done = catalog.reembeds.doneIds(run.id);
        const todo = catalog.listDocuments({ status: 'indexed' }).filter((d) => !done.has(d.id));
        const total = done.size + todo.length;
        const progress = { runId: run.id, model: run.model, version: run.version, total };
        if (first) emit({ ...progress, done: done.size, documentId: null });
        if (todo.length === 0) break;
        for (const group of groupByPassages(todo, (doc) => catalog.chunkCount(doc.id))) {
          if (controller.signal.aborted) throw new HearthError('CANCELLED', 'The re-embed was stopped.');
          await writer.writeMany(group, { model: run.model, version: run.version }, controller.signal);
          catalog.transaction(() => {
            for (const doc of group) catalog.reembeds.markDone(run.id, doc.id);
          });
          for (const doc of group) {
            done.add(doc.id);
            emit({ ...progress, done: done.size, documentId: doc.id });
          }
        }
      }
      const built = catalog.indexes
        .list()
        .filter((r) => r.model === run.model && r.version === run.version)
        .at(-1);
      if (built) catalog.indexes.setActive(built.name);
      catalog.reembeds.finish(run.id, 'complete');
      this.o.logger.info({ runId: run.id, index: built?.name }, 're-embed complete; search uses the new index');
    } catch (error) {
      // Disposal leaves the run 'running' so the next start resumes it.
      if (!this.#disposed) {
        const cancelled = controller.signal.aborted;
        catalog.reembeds.finish(run.id, cancelled ? 'cancelled' : 'failed', (error as Error).message);
        if (!cancelled) this.o.logger.error({ err: error }, 're-embed failed');
      }
      if (!this.#disposed && !controller.signal.aborted) throw error;
    }
    return this.state();
  }
}

/** Passages per group of documents re-embedded together: full embedding batches and few vector-store calls. */
const GROUP_PASSAGES = 64;
/** Documents per group at most, so progress and resume stay fine-grained when documents are short. */
const GROUP_DOCUMENTS = 16;

/** Splits documents, in order, into groups of about GROUP_PASSAGES passages (a long document makes its own group). */
export function groupByPassages<T>(docs: readonly T[], passages: (doc: T) => number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let count = 0;
  for (const doc of docs) {
    const n = passages(doc);
    if (current.length > 0 && (count + n > GROUP_PASSAGES || current.length >= GROUP_DOCUMENTS)) {
      groups.push(current);
      current = [];
      count = 0;
    }
    current.push(doc);
    count += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
