import type { SqlDatabase } from './sql/SqlDatabase';

/**
 * Runs `fn` in one write transaction: all of it lands or none of it does, even if the process is killed midway.
 * On SQLite, BEGIN IMMEDIATE takes the write lock up front, so two connections never deadlock upgrading a read lock;
 * on PostgreSQL rows are locked as they are written (and SELECT … FOR UPDATE where a read decides a write).
 * Nested calls join the outer transaction.
 */
export function sqlTransaction<T>(db: SqlDatabase, fn: () => T): T {
  if (db.isTransaction) return fn();
  db.exec(db.dialect === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
