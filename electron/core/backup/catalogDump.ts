import { createReadStream } from 'node:fs';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { createInterface } from 'node:readline';
import { HearthError } from '../../shared/errors';
import { Catalog } from '../library/catalog/Catalog';
import { corrupt } from './pieceCipher';

/** Rows read per statement step batch while dumping. */
const BATCH = 1000;

type Cell = string | number | null | { b64: string };

/** A table header line, then one JSON array per row. */
interface TableLine {
  table: string;
  columns: string[];
}

/** A dump's first line: the schema version its rows fit. */
interface HeadLine {
  hearthCatalog: number;
}

/**
 * The rows of a catalogue snapshot as JSON lines, table by table in rowid order. Unlike the file's pages, which
 * shift and renumber when a row is added, a row that did not change keeps its bytes, so an incremental backup sends
 * only the pieces around changed rows. The keyword index is left out: a restore rebuilds it from the chunks.
 */
export async function* dumpCatalog(snapshotPath: string): AsyncGenerator<Buffer> {
  const db = new DatabaseSync(snapshotPath, { readOnly: true });
  try {
    const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    yield Buffer.from(`${JSON.stringify({ hearthCatalog: version } satisfies HeadLine)}\n`);
    for (const table of dumpedTables(db)) {
      const columns = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
      yield Buffer.from(`${JSON.stringify({ table, columns } satisfies TableLine)}\n`);
      const select = db.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY rowid`);
      let lines: string[] = [];
      for (const row of select.iterate() as Iterable<Record<string, SQLInputValue>>) {
        lines.push(JSON.stringify(columns.map((c) => toCell(row[c]))));
        if (lines.length >= BATCH) {
          yield Buffer.from(`${lines.join('\n')}\n`);
          lines = [];
        }
      }
      if (lines.length > 0) yield Buffer.from(`${lines.join('\n')}\n`);
    }
  } finally {
    db.close();
  }
}

/**
 * Builds a catalogue file in `dir` from a dump: the current schema (Catalog.open), then the dump's rows inserted
 * with the keyword index's triggers out of the way (the live catalogue rebuilds it when the rows are copied in).
 * Returns the file's path. A dump from another schema version is refused.
 */
export async function loadCatalogDump(dumpPath: string, dir: string): Promise<string> {
  const catalog = Catalog.open({ dataDir: dir });
  const path = catalog.path;
  catalog.dispose();
  const db = new DatabaseSync(path);
  try {
    for (const { name } of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'chunks_fts%'")
      .all() as { name: string }[]) {
      db.exec(`DROP TRIGGER ${quote(name)}`);
    }
    const current = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    db.exec('BEGIN');
    let insert: ReturnType<DatabaseSync['prepare']> | null = null;
    let first = true;
    for await (const text of createInterface({ input: createReadStream(dumpPath), crlfDelay: Infinity })) {
      if (!text) continue;
      const line = JSON.parse(text) as HeadLine | TableLine | Cell[];
      if (first) {
        first = false;
        const version = (line as HeadLine).hearthCatalog;
        if (typeof version !== 'number') throw corrupt('the catalogue');
        if (version !== current) {
          throw new HearthError(
            'INVALID_INPUT',
            `The backup's catalogue is at schema version ${version}; this Hearth reads version ${current}. ` +
              'Restore it with the Hearth version that made it.',
          );
        }
        continue;
      }
      if (Array.isArray(line)) {
        if (!insert) throw corrupt('the catalogue');
        insert.run(...line.map(fromCell));
        continue;
      }
      const { table, columns } = line as TableLine;
      insert = db.prepare(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
    }
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.close();
  }
  return path;
}

function dumpedTables(db: DatabaseSync): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
          "AND name NOT LIKE 'chunks_fts%' ORDER BY rowid",
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
}

function toCell(value: SQLInputValue | undefined): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number') return value;
  return { b64: Buffer.from(value as Uint8Array).toString('base64') };
}

function fromCell(cell: Cell): SQLInputValue {
  if (cell !== null && typeof cell === 'object') return Buffer.from(cell.b64, 'base64');
  return cell;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
