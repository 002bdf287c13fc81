import type { TextBlock } from './headingSections';
import { markdownTable } from './markdownTable';

/** Elements whose content is never shown as text; skipped whole, never executed or interpreted. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'head']);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul', 'body', 'html', 'caption',
]); // prettier-ignore
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', hellip: '…', copy: '©',
  reg: '®', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', euro: '€', shy: '',
}; // prettier-ignore

export interface HtmlText {
  title?: string;
  blocks: TextBlock[];
}

/** A table being read: rows of cells, the open row and cell, and where it started. */
interface OpenTable {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
  /** Text inside the table but outside cells (a caption). */
  loose: string[];
  lineStart: number;
}

function isNameChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === ':';
}

function decodeEntity(s: string, i: number): { text: string; end: number } | null {
  const semi = s.indexOf(';', i);
  if (semi === -1 || semi - i > 12) return null;
  const body = s.slice(i + 1, semi);
  let code: number | undefined;
  if (body.startsWith('#x') || body.startsWith('#X')) code = Number.parseInt(body.slice(2), 16);
  else if (body.startsWith('#')) code = Number.parseInt(body.slice(1), 10);
  if (code !== undefined) {
    const valid = Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return { text: valid ? String.fromCodePoint(code) : '\uFFFD', end: semi + 1 };
  }
  const named = ENTITIES[body];
  return named === undefined ? null : { text: named, end: semi + 1 };
}

/**
 * Extracts visible text from HTML with a small linear tokenizer — no DOM, no script execution, no regex over the
 * whole input. Each block element becomes a block with its source line range; h1–h6 carry their level. A table
 * becomes one block holding a Markdown table (first row as header; a nested table's text stays in its cell), so
 * rows and columns survive into passages.
 */
export function htmlToBlocks(html: string): HtmlText {
  const s = html;
  const blocks: TextBlock[] = [];
  let line = 1;
  let i = 0;
  let buf: string[] = [];
  let blockStart = 0;
  let level: number | undefined;
  let title: string | undefined;
  let titleBuf: string[] | null = null;
  const tables: OpenTable[] = [];

  const endCell = (t: OpenTable): void => {
    if (t.cell === null) return;
    (t.row ??= []).push(t.cell.join(''));
    t.cell = null;
  };
  const endRow = (t: OpenTable): void => {
    endCell(t);
    if (t.row !== null && t.row.some((c) => c.trim() !== '')) t.rows.push(t.row);
    t.row = null;
  };
  const endTable = (): void => {
    const t = tables.pop()!;
    endRow(t);
    const caption = t.loose.join('').replace(/\s+/g, ' ').trim();
    const outer = tables[tables.length - 1];
    if (outer) {
      // A table inside a cell: its text joins the outer cell, a Markdown table cannot nest.
      const text = [caption, ...t.rows.map((r) => r.join(' '))].filter(Boolean).join(' ');
      (outer.cell ?? outer.loose).push(` ${text} `);
      return;
    }
    const table = markdownTable(t.rows);
    const text = [caption, table].filter(Boolean).join('\n');
    if (text !== '') blocks.push({ text, lineStart: t.lineStart, lineEnd: line });
  };

  const advance = (to: number): void => {
    for (let k = i; k < to && k < s.length; k++) if (s.charCodeAt(k) === 10) line++;
    i = to;
  };
  const flush = (): void => {
    const text = buf.join('').replace(/\s+/g, ' ').trim();
    if (text !== '') {
      const block: TextBlock = { text, lineStart: blockStart, lineEnd: line };
      if (level !== undefined) block.level = level;
      blocks.push(block);
    }
    buf = [];
    blockStart = 0;
  };
  const emit = (text: string): void => {
    if (titleBuf !== null) {
      titleBuf.push(text);
      return;
    }
    const table = tables[tables.length - 1];
    if (table) {
      (table.cell ?? table.loose).push(text);
      return;
    }
    if (blockStart === 0 && text.trim() !== '') blockStart = line;
    buf.push(text);
  };
  /** Index just past the closing tag `</name ...>`, or the end of input. */
  const closingEnd = (from: number, name: string): number => {
    let k = from;
    for (;;) {
      k = s.indexOf('</', k);
      if (k === -1) return s.length;
      if (s.slice(k + 2, k + 2 + name.length).toLowerCase() === name && !isNameChar(s[k + 2 + name.length] ?? ' ')) {
        const gt = s.indexOf('>', k);
        return gt === -1 ? s.length : gt + 1;
      }
      k += 2;
    }
  };

  while (i < s.length) {
    const c = s[i]!;
    if (c === '&') {
      const entity = decodeEntity(s, i);
      if (entity) {
        emit(entity.text);
        advance(entity.end);
        continue;
      }
    }
    if (c !== '<') {
      emit(c);
      advance(i + 1);
      continue;
    }
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      advance(end === -1 ? s.length : end + 3);
      continue;
    }
    const next = s[i + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = s.indexOf('>', i);
      advance(end === -1 ? s.length : end + 1);
      continue;
    }
    const closing = next === '/';
    let k = i + (closing ? 2 : 1);
    const nameStart = k;
    while (k < s.length && isNameChar(s[k]!)) k++;
    if (k === nameStart) {
      emit(c); // a bare '<' in text, such as "a < b"
      advance(i + 1);
      continue;
    }
    const name = s.slice(nameStart, k).toLowerCase();
    // Find the end of the tag, honouring quoted attribute values that may contain '>'.
    let quote: string | null = null;
    while (k < s.length) {
      const ch = s[k]!;
      if (quote !== null) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
      k++;
    }
    const tagEnd = Math.min(k + 1, s.length);
    if (!closing && SKIPPED.has(name)) {
      // <head> is skipped but its <title> is kept.
      if (name === 'head') {
        const headEnd = closingEnd(tagEnd, 'head');
        const inner = s.slice(tagEnd, headEnd);
        const t = inner.toLowerCase().indexOf('<title');
        if (t !== -1 && title === undefined) {
          const tEnd = inner.indexOf('>', t);
          const close = inner.toLowerCase().indexOf('</title', tEnd);
          if (tEnd !== -1)
            title =
              htmlToBlocks(inner.slice(tEnd + 1, close === -1 ? undefined : close))
                .blocks.map((b) => b.text)
                .join(' ') || undefined;
        }
        advance(headEnd);
      } else advance(closingEnd(tagEnd, name));
      continue;
    }
    if (name === 'title') {
      if (closing) {
        if (titleBuf !== null && title === undefined)
          title = titleBuf.join('').replace(/\s+/g, ' ').trim() || undefined;
        titleBuf = null;
      } else titleBuf = [];
      advance(tagEnd);
      continue;
    }
    if (name === 'table') {
      if (!closing) {
        if (tables.length === 0) flush();
        tables.push({ rows: [], row: null, cell: null, loose: [], lineStart: line });
      } else if (tables.length > 0) endTable();
      advance(tagEnd);
      continue;
    }
    const table = tables[tables.length - 1];
    if (table) {
      if (name === 'tr') {
        endRow(table);
        if (!closing) table.row = [];
      } else if (name === 'td' || name === 'th') {
        endCell(table);
        if (!closing) table.cell = [];
      } else if (BLOCK.has(name)) emit(' ');
      advance(tagEnd);
      continue;
    }
    if (BLOCK.has(name)) {
      flush();
      const heading = /^h[1-6]$/.test(name) ? Number(name[1]) : undefined;
      level = closing ? undefined : heading;
    } else if (name === 'td' || name === 'th') emit(' ');
    advance(tagEnd);
  }
  while (tables.length > 0) endTable();
  flush();
  return title === undefined ? { blocks } : { title, blocks };
}
