import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPgPool } from '../../../../electron/core/vectors/createPgPool';
import { HearthError } from '../../../../electron/shared/errors';

const pools: pg.Pool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
});

/** The password option as pg will call it for each new connection. */
function passwordOf(pool: pg.Pool): () => Promise<string | undefined> {
  pools.push(pool);
  return (pool as unknown as { options: { password: () => Promise<string | undefined> } }).options.password;
}

describe('createPgPool', () => {
  it('asks the keychain callback for the password on each connection, and passes "none" on null', async () => {
    let stored: string | null = 'from-keychain';
    const password = passwordOf(createPgPool({ url: 'postgres://hearth@db.lan/hearth', password: async () => stored }));
    expect(await password()).toBe('from-keychain');
    stored = 'rotated';
    expect(await password()).toBe('rotated');
    stored = null;
    expect(await password()).toBeUndefined();
  });

  it.each([
    ['a password in the URL', 'postgres://hearth:hunter2@db.lan/hearth'],
    ['a password parameter', 'postgres://hearth@db.lan/hearth?password=hunter2'],
    ['another scheme', 'mysql://hearth@db.lan/hearth'],
    ['no URL at all', 'db.lan:5432'],
  ])('refuses %s without echoing it', (_what, url) => {
    let error: unknown;
    try {
      pools.push(createPgPool({ url }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('INVALID_INPUT');
    expect((error as HearthError).message).not.toContain('hunter2');
  });
});
