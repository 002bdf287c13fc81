import type { CuratedModel } from '../../../shared/runtimeSchemas';
import { DEFAULT_CONTEXT_TOKENS, estimateModelMemory } from './estimateModelMemory';

const GB = 1024 ** 3;
const MB = 1000 ** 2;

/** What a curated model needs while it runs, from its file size and attention shape (published model cards). */
function memory(fileBytes: number, role: CuratedModel['role'], layers: number, kvWidth: number): number {
  return estimateModelMemory({ fileBytes, contextTokens: DEFAULT_CONTEXT_TOKENS[role], layers, kvWidth });
}

/**
 * First-run suggestions, best first within each role. Sizes are the published files' sizes, rounded (the
 * download reports the real Content-Length). `minRamBytes` is the machine's total memory at which the model
 * runs comfortably beside macOS and a browser (chat models; for the others, the smallest Mac); `memoryBytes` is what
 * the model itself takes while it runs (`estimateModelMemory`). Checksums are null
 * where not pinned; the download is then still validated as GGUF before it is added.
 */
export const CURATED_MODELS: readonly CuratedModel[] = [
  {
    key: 'qwen2.5-3b-instruct-q4_k_m',
    role: 'chat',
    displayName: 'Qwen2.5 3B Instruct',
    description: 'Strong answers from your documents; best on a Mac with 16 GB of memory or more.',
    source: 'hf:Qwen/Qwen2.5-3B-Instruct-GGUF/qwen2.5-3b-instruct-q4_k_m.gguf',
    sizeBytes: 2_100 * MB,
    minRamBytes: 16 * GB,
    memoryBytes: memory(2_100 * MB, 'chat', 36, 256),
    sha256: null,
  },
  {
    key: 'llama-3.2-3b-instruct-q4_k_m',
    role: 'chat',
    displayName: 'Llama 3.2 3B Instruct',
    description: 'Meta’s small model, good at following instructions; best on a Mac with 16 GB or more.',
    source: 'hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    sizeBytes: 2_020 * MB,
    minRamBytes: 16 * GB,
    memoryBytes: memory(2_020 * MB, 'chat', 28, 1024),
    sha256: null,
  },
  {
    key: 'qwen2.5-1.5b-instruct-q4_k_m',
    role: 'chat',
    displayName: 'Qwen2.5 1.5B Instruct',
    description: 'A good balance of speed and quality on 8 GB Macs.',
    source: 'hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF/qwen2.5-1.5b-instruct-q4_k_m.gguf',
    sizeBytes: 1_120 * MB,
    minRamBytes: 8 * GB,
    memoryBytes: memory(1_120 * MB, 'chat', 28, 256),
    sha256: null,
  },
  {
    key: 'llama-3.2-1b-instruct-q4_k_m',
    role: 'chat',
    displayName: 'Llama 3.2 1B Instruct',
    description: 'Fast and light; fine for short questions.',
    source: 'hf:bartowski/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
    sizeBytes: 808 * MB,
    minRamBytes: 8 * GB,
    memoryBytes: memory(808 * MB, 'chat', 16, 512),
    sha256: null,
  },
  {
    key: 'qwen2.5-0.5b-instruct-q4_k_m',
    role: 'chat',
    displayName: 'Qwen2.5 0.5B Instruct',
    description: 'The smallest: runs anywhere, answers simply.',
    source: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf',
    sizeBytes: 491 * MB,
    minRamBytes: 4 * GB,
    memoryBytes: memory(491 * MB, 'chat', 24, 128),
    sha256: null,
  },
  {
    key: 'nomic-embed-text-v1.5-q8_0',
    role: 'embedding',
    displayName: 'Nomic Embed Text v1.5',
    description: 'Finds the passages that answer your question; long inputs (8k tokens).',
    source: 'hf:nomic-ai/nomic-embed-text-v1.5-GGUF/nomic-embed-text-v1.5.Q8_0.gguf',
    sizeBytes: 146 * MB,
    minRamBytes: 4 * GB,
    memoryBytes: memory(146 * MB, 'embedding', 12, 768),
    sha256: null,
  },
  {
    key: 'bge-small-en-v1.5-q8_0',
    role: 'embedding',
    displayName: 'BGE Small English v1.5',
    description: 'A tiny, fast English embedding model.',
    source: 'hf:CompendiumLabs/bge-small-en-v1.5-gguf/bge-small-en-v1.5-q8_0.gguf',
    sizeBytes: 37 * MB,
    minRamBytes: 4 * GB,
    memoryBytes: memory(37 * MB, 'embedding', 12, 384),
    sha256: null,
  },
  {
    key: 'bge-reranker-v2-m3-q8_0',
    role: 'reranker',
    displayName: 'BGE Reranker v2 M3',
    description:
      'Reorders the passages found for a question so the best come first; many languages. Apache-2.0 licence.',
    // 635,676,416 bytes at gpustack's revision 3093af0 (an XLM-RoBERTa cross-encoder, 568M parameters).
    source: 'hf:gpustack/bge-reranker-v2-m3-GGUF/bge-reranker-v2-m3-Q8_0.gguf',
    sizeBytes: 636 * MB,
    minRamBytes: 8 * GB,
    memoryBytes: memory(636 * MB, 'reranker', 24, 1024),
    sha256: null,
  },
];

/**
 * The curated models this machine can run, chat models first, each role best first. A machine below every
 * threshold still gets the smallest of each role, so first run always has something to offer.
 */
export function fitsMachine(totalRamBytes: number): CuratedModel[] {
  const out: CuratedModel[] = [];
  for (const role of ['chat', 'embedding', 'reranker'] as const) {
    const ofRole = CURATED_MODELS.filter((m) => m.role === role);
    const fitting = ofRole.filter((m) => m.minRamBytes <= totalRamBytes);
    const smallest = [...ofRole].sort((a, b) => a.minRamBytes - b.minRamBytes || a.sizeBytes - b.sizeBytes)[0];
    out.push(...(fitting.length > 0 ? fitting : smallest ? [smallest] : []));
  }
  return out.map((m) => ({ ...m }));
}
