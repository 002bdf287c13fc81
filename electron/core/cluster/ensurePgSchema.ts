import type pg from 'pg';

/**
 * Runs `CREATE … IF NOT EXISTS` statements under a transaction-scoped advisory lock: replicas starting together
 * would otherwise race and fail on PostgreSQL's catalogue (a duplicate key in pg_type).
 */
export async function ensurePgSchema(pool: pg.Pool, statements: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('hearth_cluster_schema'))`);
    await client.query(statements);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error as Error);
    throw error;
  }
}
