import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { catalogDialect, openCatalog } from '../../../../helpers/catalogBackend';
import type { DocumentStatus } from '../../../../../electron/core/library/catalog/catalogTypes';
import type { LibraryQuery } from '../../../../../electron/shared/librarySchemas';
import { LibraryListInputSchema } from '../../../../../electron/shared/librarySchemas';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
let clock = 1_000;

beforeEach(async () => {
  dir = await tempDir('hearth-listing-');
  clock = 1_000;
  catalog = openCatalog({ dataDir: dir.path, now: () => clock++ });
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

const STATUSES: DocumentStatus[] = ['indexed', 'indexed', 'failed', 'pending'];

/** `n` documents named doc-000…, every fourth failed or pending, alternating pdf and markdown. */
function seed(n: number, collection?: string): void {
  for (let i = 0; i < n; i++) {
    catalog.createDocument({
      name: `doc-${String(i).padStart(3, '0')}.${i % 2 ? 'md' : 'pdf'}`,
      size: (i * 37) % 101,
      type: i % 2 ? 'markdown' : 'pdf',
      status: STATUSES[i % 4],
      ...(collection ? { collection } : {}),
    });
  }
}

const query = (input: Record<string, unknown> = {}): LibraryQuery => LibraryListInputSchema.parse(input);

/** Every page from the first, following the cursors. */
function allPages(input: Record<string, unknown>): string[] {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = catalog.listing.page(query({ ...input, ...(cursor ? { cursor } : {}) }));
    names.push(...page.items.map((d) => d.record.name));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

describe('DocumentListing: the paged library list', () => {
  it('pages through every document once, newest first by default, with a cursor until the last page', () => {
    seed(25);
    const first = catalog.listing.page(query({ limit: 10 }));
    expect(first.items.map((d) => d.record.name)[0]).toBe('doc-024.pdf');
    expect(first.nextCursor).not.toBeNull();
    const names = allPages({ limit: 10 });
    expect(names).toHaveLength(25);
    expect(new Set(names).size).toBe(25);
    expect(catalog.listing.page(query({ limit: 25 })).nextCursor).toBeNull();
  });

  it('sorts by name (any case), size and status in both directions, each page continuing the last', () => {
    seed(12);
    catalog.createDocument({ name: 'Alpha.txt', type: 'text', status: 'indexed' });
    const byName = allPages({ sort: 'name', direction: 'asc', limit: 4 });
    expect(byName[0]).toBe('Alpha.txt');
    expect(byName).toEqual([...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(allPages({ sort: 'name', direction: 'desc', limit: 5 })).toEqual([...byName].reverse());

    const sizes = allPages({ sort: 'size', direction: 'desc', limit: 3 }).map(
      (name) => catalog.listDocuments().find((d) => d.name === name)!.size,
    );
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    const statuses = allPages({ sort: 'status', direction: 'asc', limit: 4 }).map(
      (name) => catalog.listDocuments().find((d) => d.name === name)!.status,
    );
    expect(statuses).toEqual([...statuses].sort());
  });

  it('stays stable when documents are added between pages: nothing repeats, nothing already past is missed', () => {
    seed(20);
    const first = catalog.listing.page(query({ sort: 'added', direction: 'desc', limit: 8 }));
    // Newer than everything shown: they belong before page one, so the next pages neither repeat nor skip.
    seed(5);
    const rest = allPages({ sort: 'added', direction: 'desc', limit: 8, cursor: first.nextCursor });
    const names = [...first.items.map((d) => d.record.name), ...rest];
    expect(names).toHaveLength(20);
    expect(new Set(names).size).toBe(20);
  });

  it('filters by statuses, types, collection and a part of the name in any case, with counts per status', () => {
    seed(16);
    seed(4, 'Research');
    catalog.createDocument({ name: 'ÉTÉ notes.md', type: 'markdown', status: 'indexed' });
    const failedOrPending = { status: ['failed', 'pending'] as DocumentStatus[] };
    expect(allPages({ filters: failedOrPending })).toHaveLength(10);
    expect(allPages({ filters: { ...failedOrPending, type: ['pdf'] } })).toHaveLength(5);
    expect(allPages({ filters: { collection: 'Research' } })).toHaveLength(4);
    expect(allPages({ filters: { text: 'été' } })).toEqual(['ÉTÉ notes.md']);
    expect(allPages({ filters: { text: 'DOC-01' } }).sort()).toEqual(
      ['doc-010.pdf', 'doc-011.md', 'doc-012.pdf', 'doc-013.md', 'doc-014.pdf', 'doc-015.md'].sort(),
    );
    // Counts ignore the status filter (what each status choice would show) but keep the others.
    expect(catalog.listing.countsByStatus({ status: ['failed'], type: ['pdf'] })).toEqual({
      indexed: 5,
      failed: 5,
      pending: 0,
      indexing: 0,
    });
  });

  it('gives each row its passage count and re-reads changed ids under the filters', () => {
    seed(3);
    const [doc] = catalog.listDocuments();
    catalog.replaceChunks(doc!.id, 1, [
      { ordinal: 0, text: 'one', provenance: {}, tokenCount: 1 },
      { ordinal: 1, text: 'two', provenance: {}, tokenCount: 1 },
    ]);
    const row = catalog.listing.page(query({ sort: 'added', direction: 'asc', limit: 1 })).items[0];
    expect(row).toMatchObject({ record: { id: doc!.id }, chunks: 2 });
    const ids = catalog.listDocuments().map((d) => d.id);
    expect(
      catalog.listing
        .byIds([...ids, 'gone'], {})
        .map((d) => d.record.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(catalog.listing.byIds(ids, { status: ['failed'] }).map((d) => d.record.name)).toEqual(['doc-002.pdf']);
  });

  it('refuses a cursor made for another sort, or not made here, instead of giving a wrong page', () => {
    seed(5);
    const { nextCursor } = catalog.listing.page(query({ sort: 'name', limit: 2 }));
    expect(() => catalog.listing.page(query({ sort: 'size', limit: 2, cursor: nextCursor }))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => catalog.listing.page(query({ cursor: 'not-a-cursor' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('answers a page from the sort index, not by sorting the whole table', () => {
    const db = (catalog as unknown as { db: { prepare(s: string): { all(): Record<string, unknown>[] } } }).db;
    if (catalogDialect() === 'sqlite') {
      const plan = (sql: string): string =>
        db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((r) => String(r['detail']))
          .join(' | ');
      expect(plan('SELECT * FROM documents ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT 101')).toContain(
        'documents_list_name',
      );
      expect(plan('SELECT * FROM documents ORDER BY created_at DESC, id DESC LIMIT 101')).not.toContain('TEMP B-TREE');
      return;
    }
    // PostgreSQL: enough rows, analysed, that the planner weighs a sort against the index as it would in a library.
    db.prepare(
      `INSERT INTO documents (id, name, size, type, status, created_at, updated_at)
       SELECT 'd' || n, 'Doc ' || n, n, 'pdf', 'indexed', n, n FROM generate_series(1, 5000) AS n`,
    ).all();
    db.prepare('ANALYZE documents').all();
    const plan = (sql: string): string =>
      db
        .prepare(`EXPLAIN ${sql}`)
        .all()
        .map((r) => String(r['QUERY PLAN']))
        .join(' | ');
    const byName = plan('SELECT * FROM documents ORDER BY lower(name) DESC, id DESC LIMIT 101');
    expect(byName).toContain('documents_list_name');
    expect(byName).not.toMatch(/\bSort\b/);
    expect(plan('SELECT * FROM documents ORDER BY created_at DESC, id DESC LIMIT 101')).not.toMatch(/\bSort\b/);
  });
});
