/**
 * SQLite's positional parameters (`?`, `?NNN`) as PostgreSQL's (`$n`), leaving quoted text, quoted names,
 * dollar-quoted text and comments alone, so catalogue statements written once run on both engines. A bare `?`
 * numbers as SQLite numbers it: one more than the largest number used before it.
 */
export function toPostgresSql(sql: string): string {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const end = skipLiteral(sql, i);
    if (end > i) {
      out += sql.slice(i, end);
      i = end;
    } else if (c === '?') {
      let j = i + 1;
      while (j < sql.length && isDigit(sql[j] as string)) j++;
      if (j > i + 1) {
        const n = Number(sql.slice(i + 1, j));
        out += `$${n}`;
        next = Math.max(next, n);
      } else {
        out += `$${++next}`;
      }
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Index just past the quoted text or comment starting at `i`, or `i` when none starts there. */
function skipLiteral(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') return closing(sql, i, c);
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') return blockCommentEnd(sql, i);
  if (c === '$') {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    // `$1` is a parameter, `x$y$` an identifier: only a tag not glued to a name opens dollar-quoted text.
    if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const end = sql.indexOf(tag[0], i + tag[0].length);
      return end === -1 ? sql.length : end + tag[0].length;
    }
  }
  return i;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** Index just past the `/* … *\/` comment at `start`; PostgreSQL nests them. */
function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}
