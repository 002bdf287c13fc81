import { createHash } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../../electron/core/vectors/createPgPool';
import { PgSessionStore } from '../../../electron/server/PgSessionStore';
import { SessionAuth } from '../../../electron/server/SessionAuth';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgresServer';

/*
 * Two replicas' sign-in on one real PostgreSQL (Debian's postgresql, started here): a link printed by one works on
 * the other, once; the session is valid on both; signing out on one ends it on both and tells the other replica.
 */

const logger = { warn: () => undefined, info: () => undefined };
const DAY = 24 * 3600_000;

let postgres: TestPostgres;
const pools: pg.Pool[] = [];
const stores: PgSessionStore[] = [];

async function replica(options: { now?: () => number } = {}): Promise<{ auth: SessionAuth; pool: pg.Pool }> {
  const pool = createPgPool({ url: postgres.url, password: async () => postgres.password });
  pools.push(pool);
  const store = await PgSessionStore.start({ pool, logger });
  stores.push(store);
  return { auth: new SessionAuth({ store, ...options }), pool };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  for (const store of stores) await store.dispose();
  for (const pool of pools) await pool.end();
  await postgres?.stop();
});

describe('PgSessionStore shared by two replicas', () => {
  it('exchanges a token from A on B once; the session is valid on both; sign-out on B ends it on A', async () => {
    const a = await replica();
    const b = await replica();
    const token = await a.auth.issueToken();
    const session = await b.auth.exchange(token);
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(await a.auth.exchange(token)).toBeNull();
    expect(await a.auth.isValidSession(session!)).toBe(true);
    expect(await b.auth.isValidSession(session!)).toBe(true);

    let toldA = 0;
    let toldB = 0;
    a.auth.onRevoked(() => toldA++);
    b.auth.onRevoked(() => toldB++);
    const unused = await a.auth.issueToken();
    expect(await b.auth.revokeAll()).toBeGreaterThanOrEqual(1);
    expect(await a.auth.isValidSession(session!)).toBe(false);
    expect(await b.auth.isValidSession(session!)).toBe(false);
    expect(await a.auth.exchange(unused)).toBeNull();
    // B told its own listeners at once; A heard it through NOTIFY, and B ignored its own notice.
    expect(toldB).toBe(1);
    await until(() => toldA === 1, 'A to hear of the sign-out');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([toldA, toldB]).toEqual([1, 1]);
  });

  it('keeps only SHA-256 hashes of tokens and sessions', async () => {
    const a = await replica();
    const token = await a.auth.issueToken();
    const { rows: tokens } = await a.pool.query<{ hash: string }>('SELECT hash FROM hearth_sign_in_tokens');
    expect(tokens.map((r) => r.hash)).toContain(sha256(token));
    const session = (await a.auth.exchange(token))!;
    const { rows: sessions } = await a.pool.query<{ hash: string }>('SELECT hash FROM hearth_sessions');
    expect(sessions.map((r) => r.hash)).toEqual([sha256(session)]);
    const everything = JSON.stringify([tokens, sessions]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(session);
  });

  it('lets only one of two replicas racing with the same token have it', async () => {
    const a = await replica();
    const b = await replica();
    const token = await a.auth.issueToken();
    const results = await Promise.all([a.auth.exchange(token), b.auth.exchange(token)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('slides as the memory store does, with both replicas extending the same session', async () => {
    let now = Date.now();
    const a = await replica({ now: () => now });
    const b = await replica({ now: () => now });
    const start = now;
    const session = (await a.auth.exchange(await a.auth.issueToken()))!;
    for (let day = 6; day <= 30; day += 6) {
      now = start + day * DAY;
      expect(await (day % 12 === 0 ? a : b).auth.isValidSession(session), `day ${day}`).toBe(true);
    }
    now = start + 30 * DAY + 1;
    expect(await b.auth.isValidSession(session)).toBe(false);
    const idle = (await b.auth.exchange(await b.auth.issueToken()))!;
    now += 7 * DAY + 1;
    expect(await a.auth.isValidSession(idle)).toBe(false);
    const stale = await a.auth.issueToken();
    now += 15 * 60_000 + 1;
    expect(await b.auth.exchange(stale)).toBeNull();
  });
});
