import type { LibraryDocument } from '@shared/librarySchemas';
import type { DocumentOrder } from './filterDocuments';

/** SQLite's NOCASE: only A–Z fold, compared by code unit, so the pages and the patched rows agree on the order. */
function nocase(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function compareValues(a: string | number, b: string | number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The sort key of a row under `order`, ending in the id as the core's does. */
function sortKey(d: LibraryDocument, order: DocumentOrder): (string | number)[] {
  switch (order.sort) {
    case 'name':
      return [nocase(d.name), d.id];
    case 'added':
      return [d.createdAt, d.id];
    case 'size':
      return [d.size, d.id];
    case 'status':
      return [d.status, nocase(d.name), d.id];
  }
}

/** Negative when `a` comes before `b` in the list ordered by `order`. */
export function compareDocuments(a: LibraryDocument, b: LibraryDocument, order: DocumentOrder): number {
  const ka = sortKey(a, order);
  const kb = sortKey(b, order);
  for (let i = 0; i < ka.length; i++) {
    const c = compareValues(ka[i]!, kb[i]!);
    if (c !== 0) return order.direction === 'asc' ? c : -c;
  }
  return 0;
}

/** What changed, as the core answered it. */
export interface DocumentDelta {
  /** Every id the change named: rows with these ids are replaced or removed. */
  changedIds: ReadonlySet<string>;
  /** Those of the changed documents that still exist and match the list's filters, as they are now. */
  fresh: readonly LibraryDocument[];
  order: DocumentOrder;
  /**
   * The last row of the last page loaded (what the next page's cursor starts after); undefined once every page is
   * loaded. A fresh row sorting after it belongs to a page not loaded yet, and is left for that page.
   */
  boundary: LibraryDocument | undefined;
}

/** The loaded rows with a delta applied: changed rows replaced in order, gone or no longer matching rows removed. */
export function patchDocuments(items: readonly LibraryDocument[], delta: DocumentDelta): LibraryDocument[] {
  const { boundary, order } = delta;
  const kept = items.filter((d) => !delta.changedIds.has(d.id));
  const added = delta.fresh
    .filter((d) => boundary === undefined || compareDocuments(d, boundary, order) <= 0)
    .sort((a, b) => compareDocuments(a, b, order));
  if (added.length === 0) return kept;
  // Both are sorted: one merge pass keeps it linear for a list of thousands.
  const out: LibraryDocument[] = [];
  let i = 0;
  for (const row of kept) {
    while (i < added.length && compareDocuments(added[i]!, row, order) < 0) out.push(added[i++]!);
    out.push(row);
  }
  while (i < added.length) out.push(added[i++]!);
  return out;
}
