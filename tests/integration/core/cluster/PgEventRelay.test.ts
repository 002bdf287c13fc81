import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgEventRelay } from '../../../../electron/core/cluster/PgEventRelay';
import { EventBus } from '../../../../electron/core/rpc/EventBus';
import { createPgPool } from '../../../../electron/core/vectors/createPgPool';
import { startTestPostgres, type TestPostgres } from '../../../helpers/postgresServer';

/*
 * Two replicas on one real PostgreSQL (Debian's postgresql, started here): each has its own EventBus and relay, and
 * an event emitted on one reaches the other's listeners exactly once, large or small, and after the LISTEN
 * connection was killed.
 */

const silent = { warn: () => undefined, info: () => undefined };

interface Replica {
  bus: EventBus;
  relay: PgEventRelay;
  pool: pg.Pool;
  /** Every event its listeners saw, in order. */
  seen: { event: string; payload: unknown }[];
  logged: string[];
}

let postgres: TestPostgres;
let a: Replica;
let b: Replica;

async function replica(): Promise<Replica> {
  const pool = createPgPool({ url: postgres.url, password: async () => postgres.password });
  const logged: string[] = [];
  const logger = {
    warn: (_: unknown, message?: string) => logged.push(`warn ${message}`),
    info: (_: unknown, message?: string) => logged.push(`info ${message}`),
  };
  const bus = new EventBus(silent);
  const seen: Replica['seen'] = [];
  bus.onAny((event, payload) => seen.push({ event, payload }));
  const relay = await PgEventRelay.start({ pool, bus, logger, minBackoffMs: 50, maxBackoffMs: 400 });
  return { bus, relay, pool, seen, logged };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

beforeAll(async () => {
  postgres = await startTestPostgres();
  a = await replica();
  b = await replica();
}, 60_000);
afterAll(async () => {
  for (const r of [a, b]) {
    await r?.relay.dispose();
    await r?.pool.end();
  }
  await postgres?.stop();
});

describe('PgEventRelay', () => {
  it('delivers an event emitted on A to B exactly once, and A sees its own once', async () => {
    const payload = { id: 'conv-1', deleted: false };
    a.bus.emit('conversations.changed', payload);
    await until(() => b.seen.length > 0, 'the event on B');
    await settle();
    expect(b.seen).toEqual([{ event: 'conversations.changed', payload }]);
    expect(a.seen).toEqual([{ event: 'conversations.changed', payload }]);
  });

  it('does not send a delivered event back: B re-emits nothing, and events keep their order', async () => {
    a.seen.length = 0;
    b.seen.length = 0;
    for (let i = 0; i < 20; i++) b.bus.emit('conversations.changed', { id: `c${i}`, deleted: i % 2 === 0 });
    await until(() => a.seen.length >= 20, 'twenty events on A');
    await settle();
    expect(a.seen.map((e) => (e.payload as { id: string }).id)).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
    expect(b.seen).toHaveLength(20);
  });

  it('carries a payload over the 8000-byte NOTIFY limit through cluster_events', async () => {
    b.seen.length = 0;
    const names = Array.from({ length: 400 }, (_, i) => `secret-name-number-${String(i).padStart(5, '0')}`);
    a.bus.emit('secrets.changed', { names });
    await until(() => b.seen.length > 0, 'the large event on B');
    expect(JSON.stringify(b.seen[0]!.payload).length).toBeGreaterThan(8000);
    expect(b.seen[0]).toEqual({ event: 'secrets.changed', payload: { names } });
    const { rows } = await a.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cluster_events');
    expect(rows[0]!.n).toBe(1);
  });

  it('reconnects after the server terminates the LISTEN backends, and events arrive again', async () => {
    const { rows } = await a.pool.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE query LIKE 'LISTEN%'`,
    );
    expect(rows.filter((r) => r.ended)).toHaveLength(2);
    await until(() => b.logged.includes('info the PostgreSQL LISTEN connection is back'), 'B to reconnect');
    expect(b.logged).toContain('warn lost the PostgreSQL LISTEN connection; reconnecting');
    b.seen.length = 0;
    a.bus.emit('conversations.changed', { id: 'after', deleted: true });
    await until(() => b.seen.length > 0, 'the event after reconnecting');
    await settle();
    expect(b.seen).toEqual([{ event: 'conversations.changed', payload: { id: 'after', deleted: true } }]);
  });

  it('refuses a notification for an event the contract does not have, and keeps going', async () => {
    b.seen.length = 0;
    b.logged.length = 0;
    await a.pool.query('SELECT pg_notify($1, $2)', [
      'hearth_events',
      JSON.stringify({ r: 'intruder', e: 'no.such.event', p: {} }),
    ]);
    await until(() => b.logged.includes('warn could not deliver an event from another replica'), 'the refusal');
    a.bus.emit('conversations.changed', { id: 'still', deleted: false });
    await until(() => b.seen.length > 0, 'the next event');
    expect(b.seen.map((e) => e.event)).toEqual(['conversations.changed']);
  });
});
