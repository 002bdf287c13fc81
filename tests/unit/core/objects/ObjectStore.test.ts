import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PART_SIZE, ObjectStore } from '../../../../electron/core/objects/ObjectStore';

const connection = {
  url: 'http://127.0.0.1:9',
  region: 'us-east-1',
  bucket: 'hearth',
  accessKey: 'hearthtest',
  secretKey: 'secretsecret',
  pathStyle: true,
  origin: 'sidecar' as const,
};
const logger = pino({ level: 'silent' });

describe('ObjectStore options', () => {
  it('uses 16 MiB parts by default and refuses parts under 5 MiB', () => {
    const store = new ObjectStore({ connection, logger });
    expect(store.partSize).toBe(DEFAULT_PART_SIZE);
    expect(DEFAULT_PART_SIZE).toBe(16 * 1024 * 1024);
    store.dispose();
    expect(() => new ObjectStore({ connection, logger, partSize: 5 * 1024 * 1024 - 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('refuses invalid keys and ranges before any request', async () => {
    const store = new ObjectStore({ connection, logger });
    await expect(store.stat('/absolute')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.download('k', { range: { start: 3, end: 1 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    store.dispose();
  });

  it('says CANCELLED for an upload whose signal already fired, without touching the file', async () => {
    const store = new ObjectStore({ connection, logger });
    await expect(store.upload('k', '/nonexistent/file', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    store.dispose();
  });
});
