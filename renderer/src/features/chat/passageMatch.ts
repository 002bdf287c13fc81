/**
 * Finding a cited passage among the text items pdf.js reports for a page. Extraction at ingestion and pdf.js may
 * join words and lines differently (a space, a newline, nothing), so both sides are compared without whitespace
 * and case; what counts is the sequence of visible characters.
 */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Collapses runs of whitespace into one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Items shorter than this (squashed) are only marked as part of a contiguous match, never on their own. */
const MIN_ALONE = 4;

const TABLE_RULE = /^\|(?:\s*:?-+:?\s*\|)+\s*$/;

/** Markdown table lines as the page shows them: the cells' text, without pipes (escaped ones kept as text). */
function tableCells(text: string): string {
  return text.replace(/\\([\\|])|\|/g, (_, escaped?: string) => escaped ?? ' ');
}

/**
 * Indexes of the page's text items that belong to the passage. A passage holding a Markdown table (a PDF table laid
 * out at ingestion) is matched as its cells: what comes before the `| --- |` rule and what follows it are found
 * separately, since a later piece of a long table repeats a header that stands far above its rows on the page.
 */
export function matchTextItems(items: readonly string[], passage: string): number[] {
  const lines = passage.split('\n');
  const rule = lines.findIndex((line, n) => n > 0 && TABLE_RULE.test(line) && lines[n - 1]!.startsWith('|'));
  if (rule === -1) return matchRun(items, passage);
  const found = new Set([
    ...matchRun(items, tableCells(lines.slice(0, rule).join('\n'))),
    ...matchRun(items, tableCells(lines.slice(rule + 1).join('\n'))),
  ]);
  return [...found].sort((a, b) => a - b);
}

/**
 * Indexes of the page's text items that belong to a run of text. First the passage is looked for as one run of the
 * page's text (every item it overlaps is marked); a passage spanning two pages, or extracted a little differently,
 * falls back to marking each item whose text occurs in the passage (short items excluded: "a" occurs everywhere).
 */
function matchRun(items: readonly string[], passage: string): number[] {
  const target = squash(passage);
  if (!target) return [];
  const squashed = items.map(squash);
  const starts: number[] = [];
  let page = '';
  for (const s of squashed) {
    starts.push(page.length);
    page += s;
  }
  const at = page.indexOf(target);
  if (at !== -1) return overlapping(squashed, starts, at, at + target.length);
  // The page holds the passage's start (it continues on the next page) or its end (it began on the previous one).
  const head = longestPrefixAtEnd(page, target);
  if (head >= 24) return overlapping(squashed, starts, page.length - head, page.length);
  const tail = longestSuffixAtStart(page, target);
  if (tail >= 24) return overlapping(squashed, starts, 0, tail);
  const found: number[] = [];
  squashed.forEach((s, i) => {
    if (s.length >= MIN_ALONE && target.includes(s)) found.push(i);
  });
  return found;
}

function overlapping(squashed: readonly string[], starts: readonly number[], from: number, to: number): number[] {
  const found: number[] = [];
  squashed.forEach((s, i) => {
    const start = starts[i] ?? 0;
    if (s.length > 0 && start < to && start + s.length > from) found.push(i);
  });
  return found;
}

/** Length of the longest prefix of `target` that `page` ends with. */
function longestPrefixAtEnd(page: string, target: string): number {
  for (let n = Math.min(page.length, target.length); n > 0; n--) {
    if (page.endsWith(target.slice(0, n))) return n;
  }
  return 0;
}

/** Length of the longest suffix of `target` that `page` starts with. */
function longestSuffixAtStart(page: string, target: string): number {
  for (let n = Math.min(page.length, target.length); n > 0; n--) {
    if (page.startsWith(target.slice(target.length - n))) return n;
  }
  return 0;
}
