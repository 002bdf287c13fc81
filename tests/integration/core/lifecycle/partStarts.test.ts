import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../../../electron/shared/schemas';
import type { PartStatus } from '../../../../electron/shared/partSchemas';
import { startTestCore, tempDir, waitFor, type TestCore } from '../../../helpers/tempCore';

const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore | null = null;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await core?.dispose();
  core = null;
  await dir.remove();
});

describe('a background start that fails', () => {
  it('is a visible, retryable state and a notice to every client, never only a log line', async () => {
    const dataDir = join(dir.path, 'data');
    // An S3 endpoint where nothing answers, and no vector server to start: the object store cannot start, so the
    // living library (folder watching, bucket sync) cannot either.
    const setup = await startTestCore(dataDir);
    await setup.services.settings.update({
      storage: {
        objectBackend: 'external',
        s3Endpoint: 'http://127.0.0.1:9',
        s3AccessKeyId: 'hearth-test',
        vectorBackend: 'pgvector',
      },
    });
    await setup.dispose();

    core = await startTestCore(dataDir, { startSidecars: true });
    const notices: Notice[] = [];
    const changes: PartStatus[] = [];
    core.services.events.onAny((event, payload) => {
      if (event === 'core.notice') notices.push(payload as Notice);
      if (event === 'core.parts.changed') changes.push(payload as PartStatus);
    });
    const parts = async () =>
      (await core!.services.dispatcher.call('core.parts', {}, ctx())) as { ok: true; value: PartStatus[] };

    await waitFor('the living library to fail its first start', async () =>
      (await parts()).value.some((p) => p.name === 'living-library' && p.state === 'retrying'),
    );
    const living = (await parts()).value.find((p) => p.name === 'living-library');
    expect(living).toMatchObject({ label: 'Folder watching and library sync', failures: 1 });
    expect(living?.message).toMatch(/\S/);
    expect(living?.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    // (The first failure's notice may precede this subscription: a client that connects later learns it from
    // `core.parts`, as the Library and Diagnostics do; PartStarts.test.ts covers the notice itself.)

    // "Retry now" makes another attempt at once; it fails again, without a second notice.
    const before = changes.length;
    const retried = await core.services.dispatcher.call('core.parts.retry', { name: 'living-library' }, ctx());
    expect(retried).toMatchObject({ ok: true, value: { name: 'living-library' } });
    await waitFor('the retry to fail too', async () =>
      (await parts()).value.some((p) => p.name === 'living-library' && p.failures === 2),
    );
    expect(
      changes
        .slice(before)
        .filter((c) => c.name === 'living-library')
        .map((c) => c.state),
    ).toEqual(['starting', 'retrying']);
    // One notice per streak: the first failure's (if this subscription saw it), none for the retry.
    const sawFirst = changes.some((c) => c.name === 'living-library' && c.state === 'retrying' && c.failures === 1);
    expect(notices.filter((n) => n.message.startsWith('Folder watching and library sync is off: '))).toHaveLength(
      sawFirst ? 1 : 0,
    );

    const unknown = await core.services.dispatcher.call('core.parts.retry', { name: 'no-such-part' }, ctx());
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
