import { squash } from './passageMatch';

export interface LineWindow {
  /** First and last line shown, 1-based and inclusive. */
  first: number;
  last: number;
  /** The cited range, clamped to the file; null when the file has no such lines. */
  mark: { start: number; end: number } | null;
}

/**
 * Which lines to show for a cited range: the range with `context` lines either side, so a huge file never becomes
 * a huge list. Without a range (or one past the end), the file's start.
 */
export function lineWindow(
  total: number,
  start: number | undefined,
  end: number | undefined,
  context = 200,
): LineWindow {
  if (total <= 0) return { first: 1, last: 0, mark: null };
  if (start === undefined || start < 1 || start > total) {
    return { first: 1, last: Math.min(total, 2 * context), mark: null };
  }
  const stop = Math.min(Math.max(end ?? start, start), total);
  return {
    first: Math.max(1, start - context),
    last: Math.min(total, stop + context),
    mark: { start, end: stop },
  };
}

/**
 * The 1-based line range a passage occupies in a file, found by its text (whitespace and case ignored); null when
 * it is not there. For originals whose citation carries no line numbers.
 */
export function locateLines(lines: readonly string[], passage: string): { start: number; end: number } | null {
  const target = squash(passage);
  if (!target) return null;
  const starts: number[] = [];
  let whole = '';
  for (const line of lines) {
    starts.push(whole.length);
    whole += squash(line);
  }
  const at = whole.indexOf(target);
  if (at === -1) return null;
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return { start: lineAt(at), end: lineAt(at + target.length - 1) };
}
