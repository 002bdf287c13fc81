import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PhraseCounts } from '../../../../../electron/core/library/catalog/PhraseCounts';
import type { SqlDatabase } from '../../../../../electron/core/library/catalog/sql/SqlDatabase';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let db: DatabaseSync;
/** Counting statements run against the index (the change stamp excluded): how often the cache missed. */
let counted: number;

/** The connection as PhraseCounts sees it, with every counting statement's runs counted. */
function counting(connection: DatabaseSync): SqlDatabase {
  return {
    dialect: 'sqlite',
    prepare: (sql: string): StatementSync => {
      const statement = connection.prepare(sql);
      if (!sql.includes('chunks_fts')) return statement;
      return {
        get: (...params: Parameters<StatementSync['get']>) => {
          counted += 1;
          return statement.get(...params);
        },
      } as StatementSync;
    },
  } as unknown as SqlDatabase;
}

const add = (connection: DatabaseSync, ...bodies: string[]): void => {
  for (const body of bodies) connection.prepare('INSERT INTO chunks_fts (body) VALUES (?)').run(body);
};

beforeEach(async () => {
  dir = await tempDir('hearth-phrase-counts-');
  db = new DatabaseSync(join(dir.path, 'index.db'));
  db.exec('CREATE VIRTUAL TABLE chunks_fts USING fts5(body)');
  add(db, 'bread oven', 'bread flour', 'bread salt', 'oven timer');
  counted = 0;
});
afterEach(async () => {
  db.close();
  await dir.remove();
});

describe('PhraseCounts', () => {
  it('counts the rows holding each phrase, in order, no further than the cap, in one statement', () => {
    const counts = new PhraseCounts(counting(db));
    expect(counts.count(['"bread"', '"oven"', '"missing"'], 100)).toEqual([3, 2, 0]);
    expect(counted).toBe(1);
    expect(counts.count(['"bread"'], 2)).toEqual([2]);
  });

  it('remembers counts while the index is unchanged, and only counts the phrases it has not seen', () => {
    const counts = new PhraseCounts(counting(db));
    counts.count(['"bread"', '"oven"'], 100);
    expect(counts.count(['"oven"', '"bread"'], 100)).toEqual([2, 3]);
    expect(counted).toBe(1);
    expect(counts.count(['"oven"', '"timer"'], 100)).toEqual([2, 1]);
    expect(counted).toBe(2);
  });

  it('counts again after a write on its own connection (an insert, a delete)', () => {
    const counts = new PhraseCounts(counting(db));
    expect(counts.count(['"bread"'], 100)).toEqual([3]);
    add(db, 'bread crust');
    expect(counts.count(['"bread"'], 100)).toEqual([4]);
    db.exec(`DELETE FROM chunks_fts WHERE body MATCH 'oven'`);
    expect(counts.count(['"bread"', '"oven"'], 100)).toEqual([3, 0]);
  });

  it('counts again after another connection wrote to the index', () => {
    const counts = new PhraseCounts(counting(db));
    expect(counts.count(['"timer"'], 100)).toEqual([1]);
    const other = new DatabaseSync(join(dir.path, 'index.db'));
    try {
      add(other, 'kitchen timer', 'egg timer');
    } finally {
      other.close();
    }
    expect(counts.count(['"timer"'], 100)).toEqual([3]);
  });

  it('counts a query longer than one statement takes', () => {
    const counts = new PhraseCounts(counting(db));
    const phrases = Array.from({ length: 20 }, (_, i) => (i === 19 ? '"salt"' : `"none${i}"`));
    expect(counts.count(phrases, 100)).toEqual([...Array<number>(19).fill(0), 1]);
    expect(counted).toBe(2);
  });
});
