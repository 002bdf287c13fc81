import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/AuditLog';
import { AUDIT_KEY_SECRET } from '../../../electron/core/audit/auditKey';
import type { CoreServices } from '../../../electron/core/Core';
import { startTestCore, tempDir } from '../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

/** Services in the order the core builds them; each must be disposed once, in the reverse order. */
const BUILD_ORDER = [
  'settings',
  'audit',
  'secrets',
  'staging',
  'supervisor',
  'diagnostics',
  'modelCatalog',
  'runtime',
  'storage',
  'libraryCatalog',
  'library',
  'living',
  'retriever',
  'tools',
  'answers',
] as const satisfies ReadonlyArray<keyof CoreServices>;

const logLines = async (dataDir: string): Promise<Array<Record<string, unknown>>> =>
  (await readFile(join(dataDir, 'logs', 'hearth.log'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('core lifecycle', () => {
  it('disposes every part exactly once, last built first, past a failing part, with the audit queue flushed', async () => {
    const dataDir = join(dir.path, 'data');
    const core = await startTestCore(dataDir, { logLevel: 'info' });
    const disposed: string[] = [];
    for (const name of BUILD_ORDER) {
      const service = core.services[name] as unknown as { dispose(): unknown };
      const original = service.dispose.bind(service);
      service.dispose = async () => {
        disposed.push(name);
        await original();
        if (name === 'living') throw new Error('the living library refused to stop');
      };
    }
    // Appends still queued when dispose starts must reach the disk.
    const queued = Array.from({ length: 25 }, (_, i) =>
      core.services.audit.append({ actor: 'test', action: 'queued', data: { i } }),
    );

    const auditKey = Buffer.from((await core.services.secrets.reveal(AUDIT_KEY_SECRET)) ?? '', 'hex');
    await core.dispose();
    await core.dispose();

    expect(disposed).toEqual([...BUILD_ORDER].reverse());
    await expect(Promise.all(queued)).resolves.toHaveLength(25);
    const reopened = await AuditLog.open({ dir: join(dataDir, 'audit') });
    await reopened.useKey({ key: auditKey, created: false });
    await expect(reopened.verify()).resolves.toMatchObject({ ok: true, entries: 25 });
    await expect(core.services.audit.append({ actor: 'test', action: 'late' })).rejects.toMatchObject({
      code: 'CANCELLED',
    });

    const lines = await logLines(dataDir);
    expect(lines.find((l) => l.msg === 'a part failed to stop')).toMatchObject({ part: 'living library' });
    // The failure did not stop the log from being flushed at the very end.
    expect(lines.at(-1)?.msg).toBe('core stopped');
  });

  it('stops the parts already built when a later part fails to start', async () => {
    const dataDir = join(dir.path, 'data');
    // A file where the model catalogue needs its folder: the runtime part cannot start.
    const first = await startTestCore(dataDir, { logLevel: 'info' });
    await first.dispose();
    await import('node:fs/promises').then(({ rm }) => rm(join(dataDir, 'models'), { recursive: true, force: true }));
    await writeFile(join(dataDir, 'models'), 'not a folder');

    await expect(startTestCore(dataDir, { logLevel: 'info' })).rejects.toThrow();
    const lines = await logLines(dataDir);
    const failed = lines.findIndex((l) => l.msg === 'core failed to start');
    expect(failed).toBeGreaterThan(-1);
    expect(lines.slice(failed).some((l) => l.msg === 'parts built before the failure stopped')).toBe(true);
    expect(lines.slice(failed).some((l) => l.msg === 'a part failed to stop')).toBe(false);
  });
});
