import type { ReembedEstimate } from '../../../shared/livingLibrarySchemas';
import type { EmbedSample, ModelEmbedSamples } from '../catalog/EmbedTimings';

/**
 * Passages a second assumed before Hearth has timed any embedding here: a small embedding model (~100M parameters)
 * on a laptop CPU with passages of ~384 tokens. Said in the UI whenever it is used.
 */
export const DEFAULT_PASSAGES_PER_SECOND = 20;

/** What the estimate needs to know about a model: its id and how big it is. */
export interface ModelSize {
  id: string;
  /** Parameter count, when the file says. */
  parameters: number | null;
  sizeBytes: number;
}

/** Options for `estimateReembed`. */
export interface EstimateReembedOptions {
  /** Passages a re-embed writes. */
  passages: number;
  /** The model the library would be re-embedded with. */
  target: ModelSize;
  /** The installed models (to scale another model's timings by size). */
  models: readonly ModelSize[];
  /** This computer's recorded embedding timings, per model. */
  timings: readonly ModelEmbedSamples[];
}

/**
 * Passages a second from timed batches: the median batch rate, so the one batch that also loaded the model (or ran
 * beside a chat) does not decide the figure. Null without samples.
 */
export function passagesPerSecond(samples: readonly EmbedSample[]): number | null {
  const rates = samples
    .filter((s) => s.passages > 0 && s.ms > 0)
    .map((s) => (s.passages * 1000) / s.ms)
    .sort((a, b) => a - b);
  if (rates.length === 0) return null;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2 === 1 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
}

/** How much bigger `b` is than `a`: by parameters where both files say, else by file size; null if unknown. */
function sizeRatio(a: ModelSize, b: ModelSize): number | null {
  if (a.parameters && b.parameters) return b.parameters / a.parameters;
  if (a.sizeBytes > 0 && b.sizeBytes > 0) return b.sizeBytes / a.sizeBytes;
  return null;
}

/**
 * How long re-embedding `passages` with `target` takes on this computer: from the target's own timings when it has
 * embedded here before; else from another timed model, scaled by size (an encoder's work per token grows with its
 * parameters); else at `DEFAULT_PASSAGES_PER_SECOND`.
 */
export function estimateReembed(o: EstimateReembedOptions): ReembedEstimate {
  const passages = Math.max(0, Math.floor(o.passages));
  const result = (rate: number, basis: ReembedEstimate['basis'], from: string | null): ReembedEstimate => ({
    passages,
    seconds: passages / rate,
    passagesPerSecond: rate,
    basis,
    from,
  });

  const own = passagesPerSecond(o.timings.find((t) => t.model === o.target.id)?.samples ?? []);
  if (own !== null) return result(own, 'measured', null);

  // The timed model with the most samples; its rate, slowed (or sped up) by how much bigger the target is.
  const others = o.timings
    .filter((t) => t.model !== o.target.id)
    .sort((a, b) => b.samples.length - a.samples.length || a.model.localeCompare(b.model));
  for (const other of others) {
    const rate = passagesPerSecond(other.samples);
    const size = o.models.find((m) => m.id === other.model);
    const ratio = size ? sizeRatio(size, o.target) : null;
    if (rate !== null && ratio !== null && ratio > 0) return result(rate / ratio, 'scaled', other.model);
  }
  return result(DEFAULT_PASSAGES_PER_SECOND, 'default', null);
}
