import type { ReembedEstimate } from '@shared/livingLibrarySchemas';
import { formatInteger } from '@/lib/formatNumber';

/** A re-embed's length as a person would say it: 40 s → "less than a minute", 5,400 s → "about 90 minutes". */
export function formatReembedTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'an unknown time';
  if (seconds < 60) return 'less than a minute';
  const minutes = seconds / 60;
  if (minutes < 1.5) return 'about a minute';
  if (minutes < 10) return `about ${formatInteger(Math.round(minutes))} minutes`;
  if (minutes < 120) return `about ${formatInteger(Math.round(minutes / 5) * 5)} minutes`;
  return `about ${formatInteger(Math.round(minutes / 60))} hours`;
}

/** What the estimate rests on, in one sentence; `name` turns a model id into its display name. */
export function reembedBasisText(estimate: ReembedEstimate, target: string, name: (id: string) => string): string {
  const rate = formatInteger(Math.max(1, Math.round(estimate.passagesPerSecond)));
  switch (estimate.basis) {
    case 'measured':
      return `Estimated from how fast this computer embedded passages with ${target} before (about ${rate} a second).`;
    case 'scaled':
      return `Estimated from how fast this computer embedded passages with ${name(estimate.from ?? '')}, scaled to the size of ${target} (about ${rate} a second).`;
    case 'default':
      return `Hearth has not timed embedding on this computer yet, so this assumes a typical ${rate} passages a second.`;
  }
}
