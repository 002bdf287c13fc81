import { HearthError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/formatBytes';
import { FILE_TYPE_NAMES } from './ggmlTypes';
import type { GgufHeader, GgufMetaArray, GgufMetaValue, GgufTensorInfo } from './readGgufHeader';
import { readGgufHeader } from './readGgufHeader';

/** What Hearth shows and stores about a model that passed validation. */
export interface GgufModelMetadata {
  architecture: string;
  /** `general.name`, when the file has one. */
  name: string | null;
  /** Parameter count (sum of tensor elements). */
  parameters: number;
  /** e.g. `Q4_K_M`, from `general.file_type`, else the type holding most of the bytes. */
  quantisation: string;
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  vocabSize: number;
  sizeBytes: number;
  /** Pooled embeddings (a `pooling_type`, or an encoder architecture such as BERT); false for a reranker. */
  isEmbeddingModel: boolean;
  /** A cross-encoder reranker: rank pooling, or a classifier head (`cls`/`cls.output`) as llama.cpp ranks with. */
  isReranker: boolean;
  hasChatTemplate: boolean;
}

/** Architectures without attention heads or feed-forward blocks (state-space / RWKV). */
const RECURRENT = new Set(['mamba', 'mamba2', 'rwkv6', 'rwkv6qwen2', 'rwkv7', 'arwkv7']);
/** Architectures whose per-block tensors follow llama's names and shapes exactly; others get generic checks. */
const LLAMA_LAYOUT = new Set(['llama', 'qwen2', 'qwen3', 'gemma', 'gemma2', 'gemma3', 'granite']);
const ENCODERS = new Set([
  'bert',
  'nomic-bert',
  'nomic-bert-moe',
  'jina-bert-v2',
  'jina-bert-v3',
  'modern-bert',
  'neo-bert',
]);
/** llama.cpp's LLAMA_MAX_LAYERS / LLAMA_MAX_EXPERTS. */
const MAX_LAYERS = 512;
const MAX_EXPERTS = 512;

const invalid = (message: string, details?: Record<string, unknown>): HearthError =>
  new HearthError('MODEL_INVALID', message, details);

/**
 * Checks that a GGUF file is complete and self-consistent before llama.cpp ever sees it: a malformed model can
 * abort the whole process from inside llama.cpp (GGML_ASSERT), so a model file is treated as untrusted input.
 * Reads only the header. Throws `MODEL_INVALID` with a message a person can act on.
 */
export async function validateGguf(path: string): Promise<GgufModelMetadata> {
  const header = await readGgufHeader(path);
  const meta = header.metadata;
  const architecture = meta.get('general.architecture');
  if (typeof architecture !== 'string' || architecture.length === 0) {
    throw invalid('This GGUF file does not say which model architecture it is, so Hearth cannot run it.');
  }
  const splitCount = meta.get('split.count');
  if (typeof splitCount === 'number' && splitCount > 1) {
    throw invalid(
      `This is one part of a model split into ${splitCount} files. Hearth cannot import split models yet; ` +
        'download the single-file version.',
    );
  }
  checkDataFits(header);

  const key = (name: string): string => `${architecture}.${name}`;
  const required = (name: string, perLayer = false): number => {
    const value = meta.get(key(name));
    if (value === undefined) {
      throw invalid(
        `This model file is missing “${key(name)}”, which is needed to run it. ` +
          'The file is damaged or was converted incorrectly.',
        { key: key(name) },
      );
    }
    return positive(key(name), value, perLayer);
  };
  const optional = (name: string, perLayer = false): number | undefined => {
    const value = meta.get(key(name));
    return value === undefined ? undefined : positive(key(name), value, perLayer);
  };

  const nEmbd = required('embedding_length');
  const nLayer = required('block_count');
  const contextLength = required('context_length');
  if (nLayer > MAX_LAYERS)
    throw invalid(`This model claims ${nLayer} layers; llama.cpp supports at most ${MAX_LAYERS}.`);
  if ((optional('expert_count') ?? 0) > MAX_EXPERTS) {
    throw invalid(`This model claims more than ${MAX_EXPERTS} experts, which llama.cpp cannot run.`);
  }
  const recurrent = RECURRENT.has(architecture);
  const nHead = recurrent ? NaN : required('attention.head_count', true);
  const nFf = recurrent ? NaN : required('feed_forward_length', true);
  const nHeadKv = optional('attention.head_count_kv', true) ?? nHead;
  const keyLength = optional('attention.key_length');
  const valueLength = optional('attention.value_length');
  if (!recurrent && Number.isFinite(nHead)) {
    if (keyLength === undefined && nEmbd % nHead !== 0) {
      throw inconsistent(`its width (${nEmbd}) is not divisible by its ${nHead} attention heads`);
    }
    if (Number.isFinite(nHeadKv) && nHead % nHeadKv !== 0) {
      throw inconsistent(`its ${nHead} attention heads cannot be shared among ${nHeadKv} key/value heads`);
    }
  }
  const headK = keyLength ?? nEmbd / nHead;
  const headV = valueLength ?? nEmbd / nHead;
  const nRot = optional('rope.dimension_count');
  if (nRot !== undefined && Number.isFinite(headK) && nRot > headK) {
    throw inconsistent(`its rotary dimension (${nRot}) is larger than its head size (${headK})`);
  }

  const nVocab = checkVocab(meta);
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  const expect = (name: string, dims: number[]): void => {
    const t = byName.get(name);
    if (t === undefined || dims.some((d) => !Number.isFinite(d))) return;
    if (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i])) {
      throw inconsistent(`the tensor “${name}” is ${t.dims.join(' × ')} but the settings need ${dims.join(' × ')}`, {
        tensor: name,
        dims: t.dims,
        expected: dims,
      });
    }
  };

  if (nVocab !== null) expect('token_embd.weight', [nEmbd, nVocab]);
  expect('output_norm.weight', [nEmbd]);
  for (const t of header.tensors) {
    const block = /^blk\.(\d+)\./.exec(t.name);
    if (block && Number(block[1]) >= nLayer) throw inconsistent(`it has weights for layer ${block[1]} of ${nLayer}`);
  }
  if (LLAMA_LAYOUT.has(architecture)) {
    if (!byName.has('token_embd.weight')) throw invalid('This model file has no token embeddings; it is incomplete.');
    if (nVocab !== null) expect('output.weight', [nEmbd, nVocab]);
    for (let l = 0; l < nLayer; l++) {
      const b = `blk.${l}.`;
      expect(`${b}attn_norm.weight`, [nEmbd]);
      expect(`${b}ffn_norm.weight`, [nEmbd]);
      expect(`${b}attn_q.weight`, [nEmbd, nHead * headK]);
      expect(`${b}attn_k.weight`, [nEmbd, nHeadKv * headK]);
      expect(`${b}attn_v.weight`, [nEmbd, nHeadKv * headV]);
      expect(`${b}attn_output.weight`, [nHead * headV, nEmbd]);
      expect(`${b}ffn_gate.weight`, [nEmbd, nFf]);
      expect(`${b}ffn_up.weight`, [nEmbd, nFf]);
      expect(`${b}ffn_down.weight`, [nFf, nEmbd]);
    }
  }

  const pooling = meta.get(key('pooling_type'));
  // pooling 1 mean, 2 cls, 3 last give embeddings; 4 (rank) is a reranker, as is an encoder with a classifier head.
  const isReranker = pooling === 4 || byName.has('cls.output.weight') || byName.has('cls.weight');
  const name = meta.get('general.name');
  return {
    architecture,
    name: typeof name === 'string' && name.length > 0 ? name : null,
    parameters: header.tensors.reduce((n, t) => n + t.elements, 0),
    quantisation: quantisationOf(meta.get('general.file_type'), header.tensors),
    contextLength,
    embeddingLength: nEmbd,
    blockCount: nLayer,
    vocabSize: nVocab ?? 0,
    sizeBytes: header.fileSize,
    isEmbeddingModel:
      !isReranker && (ENCODERS.has(architecture) || (typeof pooling === 'number' && pooling >= 1 && pooling <= 3)),
    isReranker,
    hasChatTemplate: typeof meta.get('tokenizer.chat_template') === 'string',
  };
}

/** Truncation: every tensor's bytes must lie inside the file. */
function checkDataFits(header: GgufHeader): void {
  const last = header.tensors.at(-1);
  const needed = last === undefined ? header.dataOffset : header.dataOffset + last.offset + last.byteSize;
  if (needed > header.fileSize) {
    throw invalid(
      `This file is cut short: it ends at ${formatBytes(header.fileSize)} but its weights need ` +
        `${formatBytes(needed)}. Download or copy it again.`,
      { fileSize: header.fileSize, neededBytes: needed },
    );
  }
}

/** The vocabulary size, checking the per-token arrays llama.cpp indexes by token id. */
function checkVocab(meta: ReadonlyMap<string, GgufMetaValue>): number | null {
  const model = meta.get('tokenizer.ggml.model');
  if (model === 'none') return null;
  const tokens = meta.get('tokenizer.ggml.tokens');
  if (typeof model !== 'string' || !isArray(tokens) || tokens.itemType !== 'string' || tokens.length === 0) {
    throw invalid('This model file has no tokenizer vocabulary, so Hearth cannot turn text into its tokens.');
  }
  for (const k of ['tokenizer.ggml.scores', 'tokenizer.ggml.token_type']) {
    const v = meta.get(k);
    if (v !== undefined && (!isArray(v) || v.length !== tokens.length)) {
      throw inconsistent(`its tokenizer lists ${tokens.length} tokens but “${k}” does not match`, { key: k });
    }
  }
  return tokens.length;
}

function quantisationOf(fileType: GgufMetaValue | undefined, tensors: readonly GgufTensorInfo[]): string {
  const named = typeof fileType === 'number' ? FILE_TYPE_NAMES.get(fileType) : undefined;
  if (named !== undefined) return named;
  const bytes = new Map<string, number>();
  for (const t of tensors) bytes.set(t.type, (bytes.get(t.type) ?? 0) + t.byteSize);
  return [...bytes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
}

function positive(key: string, value: GgufMetaValue, perLayer: boolean): number {
  // Some architectures vary heads or widths by layer: such arrays are accepted (as NaN: shapes go unchecked).
  if (perLayer && isArray(value) && value.length > 0) return NaN;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalid(`This model file has an impossible value for “${key}” (${String(value)}). It is damaged.`, { key });
  }
  return value;
}

function isArray(v: GgufMetaValue | undefined): v is GgufMetaArray {
  return typeof v === 'object';
}

function inconsistent(what: string, details?: Record<string, unknown>): HearthError {
  return invalid(`This model file contradicts itself: ${what}. It is damaged or was converted incorrectly.`, details);
}
