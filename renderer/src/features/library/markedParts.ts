import type { Highlight } from '@shared/searchSchemas';

/** A run of a passage's text, marked when it is a matched word. */
export interface MarkedPart {
  text: string;
  marked: boolean;
}

/**
 * Splits `text` at the highlight ranges the core computed, so the matched words can be drawn as `<mark>` without
 * HTML. Ranges out of order, overlapping or past the end are tolerated (skipped or clipped), never thrown on.
 */
export function markedParts(text: string, highlights: readonly Highlight[]): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let at = 0;
  for (const { start, end } of highlights) {
    const from = Math.max(start, at);
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > at) parts.push({ text: text.slice(at, from), marked: false });
    parts.push({ text: text.slice(from, to), marked: true });
    at = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/**
 * At most about `max` characters of a passage around its first matched word (with "…" where cut), and the
 * highlights moved to match, so a long passage shows where it matched.
 */
export function excerpt(
  text: string,
  highlights: readonly Highlight[],
  max: number,
): { text: string; highlights: Highlight[] } {
  if (text.length <= max) return { text, highlights: [...highlights] };
  const first = highlights[0]?.start ?? 0;
  // A little context before the first match, cut at a space where there is one.
  let from = Math.max(0, Math.min(first - Math.floor(max / 4), text.length - max));
  const space = from > 0 ? text.indexOf(' ', from) : -1;
  if (space !== -1 && space < first) from = space + 1;
  const to = Math.min(text.length, from + max);
  const lead = from > 0 ? '…' : '';
  const shift = lead.length - from;
  return {
    text: `${lead}${text.slice(from, to)}${to < text.length ? '…' : ''}`,
    highlights: highlights
      .filter((h) => h.end > from && h.start < to)
      .map((h) => ({ start: Math.max(h.start, from) + shift, end: Math.min(h.end, to) + shift })),
  };
}
