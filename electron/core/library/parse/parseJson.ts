import type { ParsedDocument, ParsedSection } from './ParsedDocument';
import { parseText } from './parseText';

export interface ParseJsonOptions {
  /** Nesting deeper than this is summarised as "…", keeping output bounded for hostile input. */
  maxDepth?: number;
  /** Stop after this many records. */
  maxRecords?: number;
  /** Most flattened lines per record. */
  maxLinesPerRecord?: number;
}

interface Span {
  key?: string;
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
}

/**
 * Finds the top-level members of a JSON array or object with their source offsets and lines, by scanning brackets
 * and strings; JSON.parse then reads each member on its own. Returns null when the top level is a scalar.
 */
function topLevelSpans(text: string): Span[] | null {
  let i = 0;
  let line = 1;
  // A value's last line is that of its last character, not of the comma or bracket after it.
  const span = (key: string | undefined, start: number, end: number, lineStart: number): Span => {
    const body = text.slice(start, end).trimEnd();
    const lineEnd = lineStart + (body.match(/\n/g)?.length ?? 0);
    return key === undefined ? { start, end, lineStart, lineEnd } : { key, start, end, lineStart, lineEnd };
  };
  const skipWs = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  skipWs();
  const open = text[i];
  if (open !== '[' && open !== '{') return null;
  i++;
  const spans: Span[] = [];
  let depth = 0;
  let start = -1;
  let lineStart = line;
  let key: string | undefined;
  let inString = false;
  let keyStart = -1;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (keyStart !== -1) {
          key = JSON.parse(text.slice(keyStart, i + 1)) as string;
          keyStart = -1;
        }
      }
      continue;
    }
    if (depth === 0 && /\s/.test(c)) continue;
    if (depth === 0 && start === -1) {
      if (c === ']' || c === '}') break;
      if (open === '{' && key === undefined) {
        if (c === '"') {
          inString = true;
          keyStart = i;
        }
        continue;
      }
      if (c === ':') continue;
      start = i;
      lineStart = line;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) {
        spans.push(span(key, start, i, lineStart));
        break;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      spans.push(span(key, start, i, lineStart));
      start = -1;
      key = undefined;
    }
  }
  return spans;
}

function flatten(value: unknown, path: string, depth: number, out: string[], opts: Required<ParseJsonOptions>): void {
  if (out.length >= opts.maxLinesPerRecord) return;
  if (value === null || typeof value !== 'object') {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    out.push(path === '' ? shown : `${path}: ${shown}`);
    return;
  }
  if (depth >= opts.maxDepth) {
    out.push(`${path}: …`);
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, n) => [`[${n}]`, v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    const child = Array.isArray(value) ? `${path}${k}` : path === '' ? k : `${path}.${k}`;
    flatten(v, child, depth + 1, out, opts);
  }
}

/**
 * JSON and JSON Lines: each top-level array element or object member (or each line of JSONL) becomes a section of
 * "path: value" lines with its source line range. Invalid JSON falls back to plain text rather than failing.
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): ParsedDocument {
  const opts: Required<ParseJsonOptions> = {
    maxDepth: options.maxDepth ?? 16,
    maxRecords: options.maxRecords ?? 100_000,
    maxLinesPerRecord: options.maxLinesPerRecord ?? 2_000,
  };
  const sections: ParsedSection[] = [];
  const add = (value: unknown, prefix: string, lineStart: number, lineEnd: number): void => {
    const lines: string[] = [];
    flatten(value, prefix, 0, lines, opts);
    const body = lines.join('\n').trim();
    if (body !== '') sections.push({ text: body, provenance: { lineStart, lineEnd } });
  };
  try {
    const spans = topLevelSpans(text);
    const isJsonLines = spans === null || text.trimStart().startsWith('{') ? jsonLines(text) : null;
    if (isJsonLines) {
      for (const rec of isJsonLines.slice(0, opts.maxRecords)) add(rec.value, '', rec.line, rec.line);
    } else if (spans === null) {
      add(JSON.parse(text), '', 1, text.split('\n').length);
    } else {
      JSON.parse(text); // validate the whole file before trusting the scanner's spans
      for (const span of spans.slice(0, opts.maxRecords)) {
        add(JSON.parse(text.slice(span.start, span.end)), span.key ?? '', span.lineStart, span.lineEnd);
      }
    }
  } catch {
    return { ...parseText(text, 'text'), type: 'json' };
  }
  return { type: 'json', sections };
}

/** Reads JSON Lines when there are several non-empty lines that each parse; null otherwise. */
function jsonLines(text: string): { value: unknown; line: number }[] | null {
  const lines = text.split(/\r?\n/);
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length < 2) return null;
  const out: { value: unknown; line: number }[] = [];
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n]!.trim();
    if (l === '') continue;
    try {
      out.push({ value: JSON.parse(l), line: n + 1 });
    } catch {
      return null;
    }
  }
  return out;
}
