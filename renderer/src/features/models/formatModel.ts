import { formatInteger } from '@/lib/formatNumber';

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** 1_236_000_000 → "1.2 B", 350_000_000 → "350 M" (parameters, as model cards write them). */
export function formatParameters(count: number | null): string {
  if (count === null || !Number.isFinite(count) || count <= 0) return '—';
  if (count >= 1e9) return `${oneDecimal.format(count / 1e9)} B`;
  if (count >= 1e6) return `${formatInteger(count / 1e6)} M`;
  return formatInteger(count);
}

/** 8192 → "8,192 tokens". */
export function formatTokens(count: number | null): string {
  return count === null ? '—' : `${formatInteger(count)} tokens`;
}

/** The host a download source fetches from: `hf:` sources come from huggingface.co. */
export function sourceHost(source: string): string {
  if (/^hf:/i.test(source)) return 'huggingface.co';
  try {
    return new URL(source).hostname;
  } catch {
    return source;
  }
}
