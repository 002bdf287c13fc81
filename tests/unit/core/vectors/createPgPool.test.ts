import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPgPool } from '../../../../electron/core/vectors/createPgPool';
import { HearthError } from '../../../../electron/shared/errors';

const pools: pg.Pool[] = [];
let home: string;
const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };
beforeEach(() => {
  // No password from this machine's environment or ~/.pgpass leaks into the tests.
  home = mkdtempSync(join(tmpdir(), 'hearth-pgpass-'));
  delete process.env.PGPASSWORD;
  process.env.PGPASSFILE = join(home, 'pgpass');
});
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(home, { recursive: true, force: true });
});

/** The pool's options as pg sees them. */
function optionsOf(pool: pg.Pool): Record<string, unknown> {
  pools.push(pool);
  return (pool as unknown as { options: Record<string, unknown> }).options;
}

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

  it('without a saved password, falls back to PGPASSWORD, then to ~/.pgpass, as libpq does', async () => {
    const password = passwordOf(
      createPgPool({ url: 'postgres://hearth@db.lan:5433/notes', password: async () => null }),
    );
    writeFileSync(join(home, 'pgpass'), 'other.lan:5433:notes:hearth:wrong\ndb.lan:5433:notes:hearth:from-pgpass\n', {
      mode: 0o600,
    });
    expect(await password()).toBe('from-pgpass');
    process.env.PGPASSWORD = 'from-env';
    expect(await password()).toBe('from-env');
  });

  it('takes only connection settings from the URL', () => {
    const options = optionsOf(
      createPgPool({ url: 'postgres://hearth@[::1]:5433/notes?sslmode=disable&application_name=hearth&log=1&max=99' }),
    );
    expect(options).toMatchObject({ host: '::1', port: 5433, user: 'hearth', database: 'notes', ssl: false });
    expect(options.application_name).toBe('hearth');
    expect(options.log).toBeUndefined();
    expect(options.max).toBe(4);
    expect(options.connectionString).toBeUndefined();
    expect(optionsOf(createPgPool({ url: 'postgres://hearth@db.lan/notes?sslmode=require' })).ssl).toBeTruthy();
  });

  it.each([
    ['ssl=no-verify (would have been dropped: plaintext)', 'postgres://hearth@db.lan/hearth?ssl=no-verify'],
    [
      'an unreadable sslrootcert',
      'postgres://hearth@db.lan/hearth?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem',
    ],
  ])('refuses %s with words for a person', (_what, url) => {
    let error: unknown;
    try {
      pools.push(createPgPool({ url }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('INVALID_INPUT');
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
