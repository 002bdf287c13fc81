import type { SqlDatabase, SqlDialect, SqlValue } from './sql/SqlDatabase';
import { jsonListSql, nameSortSql } from './sql/sqlDialect';
import { SqliteDatabase } from './sql/SqliteDatabase';
import { HearthError } from '../../../shared/errors';
import type { LibraryFilters, LibraryQuery, StatusCounts } from '../../../shared/librarySchemas';
import { toDocument } from './catalogRows';
import type { Row } from './catalogRows';
import type { DocumentRecord } from './catalogTypes';

/** A document as a list shows it: its record and how many passages it has. */
export interface ListedDocument {
  record: DocumentRecord;
  chunks: number;
}

/** One page of a sorted, filtered list. */
export interface DocumentPage {
  items: ListedDocument[];
  /** Where the next page starts; null after the last one. */
  nextCursor: string | null;
}

type Sort = LibraryQuery['sort'];
type Direction = LibraryQuery['direction'];

/** One column of a sort key: how it is ordered, the row column the cursor keeps, how a cursor value compares. */
interface SortKey {
  sql: string;
  column: string;
  param: string;
}

/**
 * The ORDER BY key of each sort, ending in the id so that every key is unique and a cursor points between two rows.
 * Each has an index of the same shape (SQLite migration 9, the PostgreSQL schema), so a page is an index range scan.
 * A name sorts case-insensitively: NOCASE on SQLite; lower(name) on PostgreSQL, where the cursor keeps the name as
 * shown and lower() is applied to it again when it is compared, so both sides fold alike.
 */
function sortKeys(dialect: SqlDialect): Record<Sort, readonly SortKey[]> {
  const plain = (column: string): SortKey => ({ sql: column, column, param: '?' });
  const name: SortKey = {
    sql: nameSortSql(dialect, 'name'),
    column: 'name',
    param: dialect === 'sqlite' ? '?' : 'lower(CAST(? AS text))',
  };
  return {
    name: [name, plain('id')],
    added: [plain('created_at'), plain('id')],
    size: [plain('size'), plain('id')],
    status: [plain('status'), name, plain('id')],
  };
}

/** What a cursor holds: the sort it belongs to and the key of the last row handed out. */
interface CursorData {
  s: Sort;
  d: Direction;
  k: (string | number)[];
}

const NAME_CONTAINS = 'hearth_name_contains';

/**
 * Pages, counts and re-reads of the documents table for the Library screen, all in SQL: keyset pagination (a page
 * starts after the last row's sort key, so rows inserted meanwhile never shift or repeat what was already shown),
 * filters by status, type, collection and name, and per-status counts.
 */
export class DocumentListing {
  readonly #db: SqlDatabase;
  readonly #sortKeys: Record<Sort, readonly SortKey[]>;

  constructor(db: SqlDatabase) {
    this.#db = db;
    this.#sortKeys = sortKeys(db.dialect);
    // Unicode case folding for the name filter (SQLite's lower() and LIKE fold ASCII only; PostgreSQL's lower()
    // folds by the database's locale).
    if (db instanceof SqliteDatabase) {
      db.raw.function(NAME_CONTAINS, { deterministic: true }, (name, needle) =>
        typeof name === 'string' && typeof needle === 'string' && name.toLocaleLowerCase().includes(needle) ? 1 : 0,
      );
    }
  }

  /** One page in the order asked, starting after `query.cursor`. */
  page(query: LibraryQuery): DocumentPage {
    const keys = this.#sortKeys[query.sort];
    const where = filterSql(this.#db.dialect, query.filters);
    const cmp = query.direction === 'asc' ? '>' : '<';
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor, query.sort, query.direction, keys.length);
      where.clauses.push(`(${keys.map((k) => k.sql).join(', ')}) ${cmp} (${keys.map((k) => k.param).join(', ')})`);
      where.params.push(...cursor.k);
    }
    const order = keys.map((k) => `${k.sql} ${query.direction.toUpperCase()}`).join(', ');
    // One row more than asked says whether another page follows.
    const rows = this.#db
      .prepare(`SELECT * FROM documents ${whereSql(where.clauses)} ORDER BY ${order} LIMIT ?`)
      .all(...where.params, query.limit + 1) as Row[];
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: this.#withChunks(page.map(toDocument)),
      nextCursor:
        more && last
          ? encodeCursor({ s: query.sort, d: query.direction, k: keys.map((k) => last[k.column] as string | number) })
          : null,
    };
  }

  /** Those of `ids` still in the library and matching `filters`, in no particular order. */
  byIds(ids: readonly string[], filters: LibraryFilters): ListedDocument[] {
    if (ids.length === 0) return [];
    const where = filterSql(this.#db.dialect, filters);
    where.clauses.push(`id IN (${jsonListSql(this.#db.dialect, '?')})`);
    where.params.push(JSON.stringify(ids));
    const rows = this.#db.prepare(`SELECT * FROM documents ${whereSql(where.clauses)}`).all(...where.params) as Row[];
    return this.#withChunks(rows.map(toDocument));
  }

  /** Documents per status matching every filter but the status one. */
  countsByStatus(filters: LibraryFilters): StatusCounts {
    const where = filterSql(this.#db.dialect, { ...filters, status: undefined });
    const rows = this.#db
      .prepare(`SELECT status, count(*) AS n FROM documents ${whereSql(where.clauses)} GROUP BY status`)
      .all(...where.params) as Row[];
    const counts: StatusCounts = { pending: 0, indexing: 0, indexed: 0, failed: 0 };
    for (const row of rows) counts[row['status'] as keyof StatusCounts] = Number(row['n']);
    return counts;
  }

  /** Documents with a stored original, and their bytes (the storage view's "Originals"). */
  originals(): { documents: number; bytes: number } {
    const row = this.#db
      .prepare('SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM documents WHERE object_key IS NOT NULL')
      .get() as Row;
    return { documents: Number(row['n']), bytes: Number(row['bytes']) };
  }

  /** Passages per document for just these documents (the chunks index makes each a short range scan). */
  #withChunks(records: DocumentRecord[]): ListedDocument[] {
    if (records.length === 0) return [];
    const rows = this.#db
      .prepare(
        `SELECT document_id, count(*) AS n FROM chunks
         WHERE document_id IN (${jsonListSql(this.#db.dialect, '?')}) GROUP BY document_id`,
      )
      .all(JSON.stringify(records.map((r) => r.id))) as Row[];
    const counts = new Map(rows.map((r) => [String(r['document_id']), Number(r['n'])]));
    return records.map((record) => ({ record, chunks: counts.get(record.id) ?? 0 }));
  }
}

function filterSql(dialect: SqlDialect, filters: LibraryFilters): { clauses: string[]; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  if (filters.status?.length) {
    clauses.push(`status IN (${filters.status.map(() => '?').join(', ')})`);
    params.push(...filters.status);
  }
  if (filters.type?.length) {
    clauses.push(`type IN (${filters.type.map(() => '?').join(', ')})`);
    params.push(...filters.type);
  }
  if (filters.collection !== undefined) {
    clauses.push('collection = ?');
    params.push(filters.collection);
  }
  const text = filters.text?.trim().toLocaleLowerCase();
  if (text) {
    clauses.push(
      dialect === 'sqlite' ? `${NAME_CONTAINS}(name, ?)` : 'strpos(lower(name), lower(CAST(? AS text))) > 0',
    );
    params.push(text);
  }
  return { clauses, params };
}

function whereSql(clauses: readonly string[]): string {
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}

function encodeCursor(data: CursorData): string {
  return Buffer.from(JSON.stringify(data)).toString('base64url');
}

/** The cursor's key; a cursor from another sort or not made here is INVALID_INPUT, never a wrong page. */
function decodeCursor(cursor: string, sort: Sort, direction: Direction, length: number): CursorData {
  let data: Partial<CursorData> | null;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorData>;
  } catch {
    data = null;
  }
  const valid =
    data !== null &&
    typeof data === 'object' &&
    Array.isArray(data.k) &&
    data.k.length === length &&
    data.k.every((v) => typeof v === 'string' || typeof v === 'number');
  if (!valid) throw new HearthError('INVALID_INPUT', 'That list cursor is not valid; load the list from the start.');
  if (data?.s !== sort || data.d !== direction) {
    throw new HearthError('INVALID_INPUT', 'That list cursor belongs to another sort order; load the list again.');
  }
  return data as CursorData;
}
