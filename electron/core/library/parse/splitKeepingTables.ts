/** A piece of a section's text and the span of the section it covers. */
export interface TextPiece {
  text: string;
  /** Offset and length in the section's text of what the piece covers (a repeated header is not counted). */
  offset: number;
  length: number;
  /** 0-based indexes of the first and last table body rows in the piece, when it holds rows of one table. */
  bodyRows?: [number, number];
}

/** Options for `splitKeepingTables`. */
export interface SplitKeepingTablesOptions {
  chunkTokens: number;
  countTokens: (text: string) => number;
  /** Splits prose that does not fit a chunk by itself (the recursive character splitter). */
  splitProse: (text: string) => Promise<string[]>;
}

const TABLE_RULE = /^\|(?:\s*:?-+:?\s*\|)+\s*$/;

interface Line {
  text: string;
  offset: number;
}

type Segment =
  { kind: 'prose'; lines: Line[] } | { kind: 'table'; header: Line; rule: Line; rows: Line[]; firstRow: number };

/** True when a section's text holds a Markdown table (a `| … |` line followed by a `| --- |` rule). */
export function hasMarkdownTable(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((line, n) => n > 0 && TABLE_RULE.test(line) && lines[n - 1]!.startsWith('|'));
}

function segmentsOf(text: string): Segment[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const t of text.split('\n')) {
    lines.push({ text: t, offset });
    offset += t.length + 1;
  }
  const segments: Segment[] = [];
  let prose: Line[] = [];
  let bodyRows = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const next = lines[n + 1];
    if (line.text.startsWith('|') && next !== undefined && TABLE_RULE.test(next.text)) {
      if (prose.length > 0) segments.push({ kind: 'prose', lines: prose });
      prose = [];
      const rows: Line[] = [];
      let k = n + 2;
      while (k < lines.length && lines[k]!.text.startsWith('|')) rows.push(lines[k++]!);
      segments.push({ kind: 'table', header: line, rule: next, rows, firstRow: bodyRows });
      bodyRows += rows.length;
      n = k - 1;
    } else prose.push(line);
  }
  if (prose.length > 0) segments.push({ kind: 'prose', lines: prose });
  return segments;
}

/**
 * Splits a section's text into pieces of at most `chunkTokens` while keeping Markdown tables whole rows: a table
 * too big for one chunk is cut only between rows, and every piece after the first repeats the header and rule so
 * each stays a readable table. Prose around tables is packed with them when it fits, else split as usual. A single
 * row larger than a chunk is kept whole (never split mid-row). Body rows are numbered across all tables.
 */
export async function splitKeepingTables(text: string, options: SplitKeepingTablesOptions): Promise<TextPiece[]> {
  const { chunkTokens, countTokens } = options;
  const pieces: TextPiece[] = [];
  let parts: string[] = [];
  let tokens = 0;
  let start = -1;
  let end = 0;
  let rows: [number, number] | undefined;

  const flush = (): void => {
    if (parts.length > 0) {
      const piece: TextPiece = { text: parts.join('\n'), offset: start, length: end - start };
      if (rows) piece.bodyRows = rows;
      pieces.push(piece);
    }
    parts = [];
    tokens = 0;
    start = -1;
    rows = undefined;
  };
  const add = (line: Line, lineTokens: number): void => {
    if (start === -1) start = line.offset;
    parts.push(line.text);
    tokens += lineTokens + 1;
    end = line.offset + line.text.length;
  };

  for (const segment of segmentsOf(text)) {
    if (segment.kind === 'prose') {
      const body = segment.lines.map((l) => l.text).join('\n');
      const bodyTokens = countTokens(body);
      if (tokens + bodyTokens <= chunkTokens) {
        segment.lines.forEach((l) => add(l, 0));
        tokens += bodyTokens;
        continue;
      }
      flush();
      if (bodyTokens <= chunkTokens) {
        segment.lines.forEach((l) => add(l, 0));
        tokens += bodyTokens;
        continue;
      }
      const base = segment.lines[0]!.offset;
      let cursor = 0;
      for (const part of await options.splitProse(body)) {
        let at = body.indexOf(part, cursor);
        if (at === -1) at = Math.min(cursor, body.length);
        else cursor = at + 1;
        pieces.push({ text: part, offset: base + at, length: part.length });
      }
      continue;
    }
    const headerTokens = countTokens(`${segment.header.text}\n${segment.rule.text}`) + 2;
    const rowTokens = segment.rows.map((r) => countTokens(r.text) + 1);
    // Prose before the table stays with its header and first rows when they fit; else the table starts afresh.
    if (parts.length > 0 && tokens + headerTokens + (rowTokens[0] ?? 0) > chunkTokens) flush();
    add(segment.header, 0);
    add(segment.rule, 0);
    tokens += headerTokens;
    segment.rows.forEach((row, r) => {
      const cost = rowTokens[r]!;
      if (tokens + cost > chunkTokens && rows !== undefined) {
        flush();
        // Every later piece of the table opens with its header and rule again (not the text's own lines there).
        parts.push(segment.header.text, segment.rule.text);
        tokens = headerTokens;
      }
      add(row, cost - 1);
      const index = segment.firstRow + r;
      rows = rows ? [rows[0], index] : [index, index];
    });
  }
  flush();
  return pieces;
}
