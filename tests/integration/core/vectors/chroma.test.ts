import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromaVectorStore } from '../../../../electron/core/vectors/ChromaVectorStore';
import { HearthError } from '../../../../electron/shared/errors';
import { startChroma, type ChromaHarness } from './chromaHarness';
import { describeVectorStore } from './vectorStoreSuite';

let chroma: ChromaHarness;

beforeAll(async () => {
  chroma = await startChroma();
});

afterAll(async () => {
  await chroma?.dispose();
});

describeVectorStore('Chroma', (key) =>
  ChromaVectorStore.open({ url: chroma.server.url, token: chroma.server.token, key }),
);

const COLLECTIONS = '/api/v2/tenants/default_tenant/databases/default_database/collections';

/** A raw HTTP request, so the Host header can be anything (fetch always sends the URL's own). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, path: pathname, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('ChromaServer', () => {
  it('runs under the supervisor on loopback, keeping its data in <dataDir>/chroma', async () => {
    expect(chroma.server.status.state).toBe('running');
    expect(chroma.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const heartbeat = await fetch(`${chroma.server.url}/api/v2/heartbeat`, {
      headers: { Authorization: `Bearer ${chroma.server.token}` },
    });
    expect(heartbeat.status).toBe(200);
    expect(existsSync(join(chroma.dataDir, 'chroma', 'chroma.sqlite3'))).toBe(true);
    const states = chroma.statuses.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['starting', 'running']);
  });

  it('starts with telemetry off: no OpenTelemetry section in its config, and it says so', async () => {
    const config = readFileSync(join(chroma.dataDir, 'chroma', 'hearth-chroma.yaml'), 'utf8');
    expect(config).not.toMatch(/open_telemetry|otel/);
    // Chroma itself listens on loopback only (a random 127.x.y.z on Linux and Windows, behind the proxy).
    expect(config).toMatch(/listen_address: "127\.\d+\.\d+\.\d+"/);
    expect(config).toContain('cors_allow_origins: []');
    expect(chroma.logs.map((l) => l.msg)).toContain(
      'OpenTelemetry is not enabled because it is missing from the config.',
    );
  });

  it('ignores CHROMA_* variables inherited from the environment, which would otherwise enable trace export', async () => {
    const saved = { ...process.env };
    // Chroma merges CHROMA_<a>__<b> over its config; these would switch OpenTelemetry on with an outside endpoint.
    process.env.CHROMA_OPEN_TELEMETRY__SERVICE_NAME = 'leak';
    process.env.CHROMA_OPEN_TELEMETRY__ENDPOINT = 'http://127.0.0.1:9';
    let second: ChromaHarness | undefined;
    try {
      second = await startChroma();
    } finally {
      process.env = saved;
    }
    try {
      const lines = second.logs.map((l) => l.msg);
      expect(lines).toContain('OpenTelemetry is not enabled because it is missing from the config.');
      expect(lines.join('\n')).not.toMatch(/127\.0\.0\.1:9\b/);
    } finally {
      await second.dispose();
    }
  });

  it('answers SIDECAR_DOWN, not a fetch error, when no server is listening', async () => {
    const dead = await startChroma();
    const { url, token } = dead.server;
    const store = await ChromaVectorStore.open({ url, token, key: { model: 'm', version: 1, dimensions: 3 } });
    await dead.server.dispose();
    expect(dead.server.status.state).toBe('stopped');
    const error = await store.count().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('SIDECAR_DOWN');
    const opening = await ChromaVectorStore.open({ url, token, key: { model: 'm', version: 1, dimensions: 3 } }).catch(
      (e: unknown) => e,
    );
    expect((opening as HearthError).code).toBe('SIDECAR_DOWN');
    expect(() => dead.server.assertRunning()).toThrow(/stopped/);
    await dead.dispose();
  });
});

describe('ChromaServer access (issue 14, finding 2)', () => {
  it('refuses a request without the per-run secret, on the heartbeat and on the collections', async () => {
    for (const path of ['/api/v2/heartbeat', COLLECTIONS]) {
      const bare = await fetch(chroma.server.url + path);
      expect(bare.status, path).toBe(401);
      expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await bare.json()).toMatchObject({ error: 'Unauthorized' });
    }
    const wrong = await fetch(chroma.server.url + COLLECTIONS, { headers: { Authorization: 'Bearer not-the-key' } });
    expect(wrong.status).toBe(401);
    // The Chroma key header the server itself ignores is no way in either.
    const chromaHeader = await fetch(chroma.server.url + COLLECTIONS, {
      headers: { 'x-chroma-token': chroma.server.token },
    });
    expect(chromaHeader.status).toBe(401);
  });

  it('refuses a foreign Host even with the secret (DNS rebinding), and accepts 127.0.0.1 and localhost', async () => {
    const auth = { Authorization: `Bearer ${chroma.server.token}` };
    const port = chroma.server.port;
    const rebound = await rawGet(chroma.server.url + COLLECTIONS, { ...auth, Host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: 'Forbidden' });
    expect((await rawGet(chroma.server.url + COLLECTIONS, { ...auth, Host: `localhost:${port}` })).status).toBe(200);
    expect((await rawGet(chroma.server.url + COLLECTIONS, { ...auth, Host: `127.0.0.1:${port + 1}` })).status).toBe(
      403,
    );
  });

  it('makes a fresh secret for every run and keeps it out of the config file and the log', async () => {
    const second = await startChroma();
    try {
      expect(second.server.token).not.toBe(chroma.server.token);
      expect(second.server.token.length).toBeGreaterThanOrEqual(40);
      expect(JSON.stringify(second.server)).not.toContain(second.server.token);
      const config = readFileSync(join(second.dataDir, 'chroma', 'hearth-chroma.yaml'), 'utf8');
      expect(config).not.toContain(second.server.token);
      expect(JSON.stringify(second.logs)).not.toContain(second.server.token);
      const other = await fetch(second.server.url + COLLECTIONS, {
        headers: { Authorization: `Bearer ${chroma.server.token}` },
      });
      expect(other.status).toBe(401);
    } finally {
      await second.dispose();
    }
  });
});
