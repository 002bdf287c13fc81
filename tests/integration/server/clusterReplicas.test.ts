import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createPgPool } from '../../../electron/core/vectors/createPgPool';
import type { HeadlessServer } from '../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../electron/server/createHeadlessServer';
import { SIGNED_OUT_CLOSE_CODE } from '../../../electron/server/SessionAuth';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgresServer';
import { startTestCore, tempDir, type TestCore } from '../../helpers/tempCore';
import { connect, signIn, upgradeStatus } from '../../helpers/wsClient';

/*
 * Two headless shells, each with its own core, joined by the `cluster` option on one real PostgreSQL: a link one
 * prints signs a browser in on the other, an event on one reaches a browser on the other, and signing out on one
 * closes the other's sockets.
 */

let postgres: TestPostgres;
let dir: Awaited<ReturnType<typeof tempDir>>;
const cores: TestCore[] = [];
const pools: pg.Pool[] = [];
let a: HeadlessServer;
let b: HeadlessServer;

async function replica(name: string): Promise<{ server: HeadlessServer; core: TestCore }> {
  const core = await startTestCore(`${dir.path}/${name}`);
  cores.push(core);
  const pool = createPgPool({ url: postgres.url, password: async () => postgres.password });
  pools.push(pool);
  const server = await createHeadlessServer({ core, rendererDir: `${dir.path}/no-ui`, cluster: { pool } });
  return { server, core };
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  dir = await tempDir('hearth-cluster-');
  ({ server: a } = await replica('a'));
  ({ server: b } = await replica('b'));
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  for (const pool of pools) await pool.end();
  for (const core of cores) await core.dispose();
  await dir?.remove();
  await postgres?.stop();
});

describe('two replicas on one PostgreSQL', () => {
  it('signs a browser in on B with a link A printed, and shows it events emitted on A exactly once', async () => {
    const link = new URL(await a.signInUrl());
    const browser = await connect(b.origin, await signIn(`${b.origin}/${link.search}`));
    try {
      cores[0]!.services.events.emit('conversations.changed', { id: 'from-a', deleted: false });
      const seen = () => browser.messages.filter((m) => m.t === 'event' && m.ev === 'conversations.changed');
      const end = Date.now() + 10_000;
      while (seen().length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen()).toEqual([{ t: 'event', ev: 'conversations.changed', p: { id: 'from-a', deleted: false } }]);
    } finally {
      await browser.close();
    }
  });

  it('signing out on A closes the sockets B holds and ends their sessions on both', async () => {
    const cookie = await signIn(b.signInUrl());
    const onB = await connect(b.origin, cookie);
    const onA = await connect(a.origin, await signIn(a.signInUrl()));
    const closed = new Promise<number>((resolve) => onB.socket.once('close', (code) => resolve(code)));
    try {
      const result = await onA.api.sessions.signOutAll({});
      expect((result as { value: { signedOut: number } }).value.signedOut).toBeGreaterThanOrEqual(2);
      expect(await closed).toBe(SIGNED_OUT_CLOSE_CODE);
      expect(onB.socket.readyState).toBe(WebSocket.CLOSED);
      expect(await upgradeStatus(b.origin, { cookie, origin: b.origin })).toBe(401);
      expect(await upgradeStatus(a.origin, { cookie, origin: a.origin })).toBe(401);
    } finally {
      await onA.close();
      await onB.close();
    }
  });
});
