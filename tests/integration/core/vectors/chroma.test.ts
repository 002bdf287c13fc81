import { existsSync, readFileSync } from 'node:fs';
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

describeVectorStore('Chroma', (key) => ChromaVectorStore.open({ url: chroma.server.url, key }));

describe('ChromaServer', () => {
  it('runs under the supervisor on loopback, keeping its data in <dataDir>/chroma', async () => {
    expect(chroma.server.status.state).toBe('running');
    expect(chroma.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const heartbeat = await fetch(`${chroma.server.url}/api/v2/heartbeat`);
    expect(heartbeat.status).toBe(200);
    expect(existsSync(join(chroma.dataDir, 'chroma', 'chroma.sqlite3'))).toBe(true);
    const states = chroma.statuses.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['starting', 'running']);
  });

  it('starts with telemetry off: no OpenTelemetry section in its config, and it says so', async () => {
    const config = readFileSync(join(chroma.dataDir, 'chroma', 'hearth-chroma.yaml'), 'utf8');
    expect(config).not.toMatch(/open_telemetry|otel/);
    expect(config).toContain('listen_address: "127.0.0.1"');
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
    const url = dead.server.url;
    const store = await ChromaVectorStore.open({ url, key: { model: 'm', version: 1, dimensions: 3 } });
    await dead.server.dispose();
    expect(dead.server.status.state).toBe('stopped');
    const error = await store.count().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('SIDECAR_DOWN');
    const opening = await ChromaVectorStore.open({ url, key: { model: 'm', version: 1, dimensions: 3 } }).catch(
      (e: unknown) => e,
    );
    expect((opening as HearthError).code).toBe('SIDECAR_DOWN');
    expect(() => dead.server.assertRunning()).toThrow(/stopped/);
    await dead.dispose();
  });
});
