import type { SqlDatabase } from './sql/SqlDatabase';
import { HearthError } from '../../../shared/errors';
import { toHearthError, type Row } from './catalogRows';
import { sqlTransaction } from './sqlTransaction';

/** A collection as the Library screen lists it. */
export interface CollectionRecord {
  name: string;
  /** 0 for a name only documents carried (written before collections had a table of their own). */
  createdAt: number;
  documents: number;
  /** Sum of the documents' original sizes. */
  bytes: number;
}

/**
 * Collections: a table of names, with documents (and watched folders, conversations) naming theirs. Every change
 * that moves documents between collections also queues them in `vector_refresh`, in the same transaction, because
 * their vectors carry the collection as metadata for filtering and must be written again: a crash before that is
 * done leaves the queue to drain at the next start. Reached through `Catalog.collectionTable`.
 */
export class Collections {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  list(): CollectionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT n.name AS name, coalesce(max(c.created_at), 0) AS created_at, count(d.id) AS documents,
                coalesce(sum(d.size), 0) AS bytes
         FROM (SELECT name FROM collections UNION SELECT collection FROM documents WHERE collection IS NOT NULL) n
         LEFT JOIN collections c ON c.name = n.name
         LEFT JOIN documents d ON d.collection = n.name
         GROUP BY n.name ORDER BY n.name`,
      )
      .all() as Row[];
    return rows.map((r) => ({
      name: String(r['name']),
      createdAt: Number(r['created_at']),
      documents: Number(r['documents']),
      bytes: Number(r['bytes']),
    }));
  }

  exists(name: string): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM collections WHERE name = ?1 UNION ALL SELECT 1 FROM documents WHERE collection = ?1 LIMIT 1`,
      )
      .get(name);
    return row !== undefined;
  }

  /** Adds the name unless it is there (ingesting into a new collection creates it). */
  ensure(name: string): void {
    this.#write('add collection', () =>
      this.db
        .prepare('INSERT INTO collections (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
        .run(name, this.now()),
    );
  }

  /** A new, empty collection; CONFLICT if the name is taken. */
  create(name: string): CollectionRecord {
    if (this.exists(name)) throw taken(name);
    this.ensure(name);
    return this.#require(name);
  }

  /** Renames a collection and everything that names it; returns the documents moved (their vectors need writing). */
  rename(from: string, to: string): string[] {
    if (!this.exists(from)) throw missing(from);
    if (from === to) return [];
    if (this.exists(to)) throw taken(to);
    return this.#write('rename collection', () =>
      sqlTransaction(this.db, () => {
        const ids = this.#idsIn(from);
        this.db
          .prepare('INSERT INTO collections (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
          .run(from, this.now());
        this.db.prepare('UPDATE collections SET name = ? WHERE name = ?').run(to, from);
        this.#relabel(from, to);
        this.#queue(ids);
        return ids;
      }),
    );
  }

  /** Deletes the name; its documents, folders and conversations are left in no collection. Returns the documents. */
  remove(name: string): string[] {
    if (!this.exists(name)) throw missing(name);
    return this.#write('delete collection', () =>
      sqlTransaction(this.db, () => {
        const ids = this.#idsIn(name);
        this.#relabel(name, null);
        this.db.prepare('DELETE FROM collections WHERE name = ?').run(name);
        this.#queue(ids);
        return ids;
      }),
    );
  }

  /** Puts documents in a collection (created if new) or in none; returns the ids that actually moved. */
  move(documentIds: readonly string[], collection: string | null): string[] {
    return this.#write('move documents', () =>
      sqlTransaction(this.db, () => {
        if (collection !== null) {
          this.db
            .prepare('INSERT INTO collections (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
            .run(collection, this.now());
        }
        const update = this.db.prepare(
          'UPDATE documents SET collection = ?, updated_at = ? WHERE id = ? AND collection IS DISTINCT FROM ?',
        );
        const moved = documentIds.filter((id) => update.run(collection, this.now(), id, collection).changes > 0);
        this.#queue(moved);
        return moved;
      }),
    );
  }

  /** Documents whose vectors still carry an old collection, oldest first. */
  refreshQueue(): string[] {
    const rows = this.db.prepare('SELECT document_id FROM vector_refresh ORDER BY created_at').all() as Row[];
    return rows.map((r) => String(r['document_id']));
  }

  refreshDone(documentId: string): void {
    this.db.prepare('DELETE FROM vector_refresh WHERE document_id = ?').run(documentId);
  }

  /** Queues a document for a vector rewrite (the living library also uses it for indexes missing a document). */
  queueRefresh(documentIds: readonly string[]): void {
    this.#write('queue vector refresh', () => sqlTransaction(this.db, () => this.#queue(documentIds)));
  }

  #idsIn(name: string): string[] {
    const rows = this.db.prepare('SELECT id FROM documents WHERE collection = ?').all(name) as Row[];
    return rows.map((r) => String(r['id']));
  }

  #relabel(from: string, to: string | null): void {
    const t = this.now();
    this.db.prepare('UPDATE documents SET collection = ?, updated_at = ? WHERE collection = ?').run(to, t, from);
    this.db.prepare('UPDATE watched_folders SET collection = ? WHERE collection = ?').run(to, from);
    this.db.prepare('UPDATE conversations SET collection = ? WHERE collection = ?').run(to, from);
  }

  #queue(ids: readonly string[]): void {
    const insert = this.db.prepare(
      'INSERT INTO vector_refresh (document_id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    for (const id of ids) insert.run(id, this.now());
  }

  #require(name: string): CollectionRecord {
    const found = this.list().find((c) => c.name === name);
    if (!found) throw missing(name);
    return found;
  }

  #write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toHearthError(error, what);
    }
  }
}

function taken(name: string): HearthError {
  return new HearthError('CONFLICT', `There is already a collection called "${name}".`, { name });
}

function missing(name: string): HearthError {
  return new HearthError('NOT_FOUND', `There is no collection called "${name}".`, { name });
}
