import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DEV_SERVER_WARNING, ObjectServer, type ObjectServerOptions } from '../../../../electron/core/objects';
import type { SecretsService } from '../../../../electron/core/secrets/SecretsService';
import type { Supervisor } from '../../../../electron/core/supervisor';

// Nothing here starts a process: these are the decisions made before the supervisor is asked (which the
// integration tests then exercise for real).
function options(overrides: Partial<ObjectServerOptions> = {}): ObjectServerOptions {
  return {
    supervisor: {} as Supervisor,
    secrets: {} as SecretsService,
    logger: pino({ level: 'silent' }),
    objectsDir: '/nonexistent/objects',
    node: { command: process.execPath },
    minioBinary: '/nonexistent/native/bin/minio',
    devServerScript: '/nonexistent/devS3Server.mjs',
    ...overrides,
  };
}

describe('ObjectServer’s choice of server', () => {
  it('falls back to the development S3 server where no MinIO binary exists, and says so', () => {
    const server = new ObjectServer(options());
    expect(server.kind).toBe('dev-s3');
    expect(server.status).toEqual({ kind: 'dev-s3', child: null, url: null, warning: DEV_SERVER_WARNING });
  });

  it('uses MinIO when its binary is executable', () => {
    // Any executable stands in for the binary here; nothing is started.
    expect(new ObjectServer(options({ minioBinary: process.execPath })).status).toMatchObject({
      kind: 'minio',
      warning: null,
    });
  });

  it('in the packaged app (no dev fallback) fails clearly when MinIO is missing', async () => {
    const server = new ObjectServer(options({ allowDevServer: false }));
    expect(server.kind).toBe('minio');
    await expect(server.start()).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('missing from this installation'),
    });
  });

  it('runs a configured command instead, announced as such', () => {
    const server = new ObjectServer(
      options({ command: { command: 'garage', args: ['server', '--data', '{dataDir}'], healthPath: '/health' } }),
    );
    expect(server.status).toMatchObject({ kind: 'custom', warning: expect.stringContaining('instead of the bundled') });
  });
});
