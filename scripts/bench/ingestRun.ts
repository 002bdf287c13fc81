import type { CorpusDoc } from './ingestCorpus';
import type { ChildPeak, tallyEmbeds, VectorTally } from './ingestProbes';

/** The embedding rate seen right after the model loaded, before the batch. */
export interface Probe {
  loadMs: number;
  tokensPerSecond: number;
}

/** Everything measured in one end-to-end run. */
export interface IngestRun {
  label: string;
  model: string;
  docs: CorpusDoc[];
  budgetNote?: string;
  coreStartMs: number;
  modelImportMs: number;
  probe: Probe;
  wallMs: number;
  chunks: number;
  chunkTokens: number;
  vectors: number;
  keywordRows: number;
  stages: Record<string, number>;
  embed: ReturnType<typeof tallyEmbeds>['tally'];
  vectorWrites: VectorTally;
  rssStartBytes: number;
  rssPeakBytes: number;
  children: ChildPeak[];
}
