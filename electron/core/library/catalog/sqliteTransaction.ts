import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `fn` in one write transaction: all of it lands or none of it does, even if the process is killed midway.
 * BEGIN IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading a read lock.
 * Nested calls join the outer transaction.
 */
export function sqliteTransaction<T>(db: DatabaseSync, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
