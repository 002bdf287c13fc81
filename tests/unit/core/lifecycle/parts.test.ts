import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditPart } from '../../../../electron/core/audit/createAuditPart';
import { keyAuditLog } from '../../../../electron/core/audit/keyAuditLog';
import { createPartContext } from '../../../../electron/core/lifecycle/createPartContext';
import type { PartContext } from '../../../../electron/core/lifecycle/PartContext';
import { Dispatcher, type Handlers } from '../../../../electron/core/rpc/Dispatcher';
import type { SecretBackend } from '../../../../electron/core/secrets/SecretBackend';
import { createSecretsPart } from '../../../../electron/core/secrets/createSecretsPart';
import { createSettingsPart } from '../../../../electron/core/settings/createSettingsPart';
import { tempDir, testPlatform } from '../../../helpers/tempCore';

/** An in-memory keychain: parts are tested alone here; the real Secret Service is covered by integration tests. */
function memoryKeychain(): SecretBackend {
  const values = new Map<string, string>();
  return {
    kind: 'keychain',
    set: async (account, value) => void values.set(account, value),
    get: async (account) => values.get(account) ?? null,
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let ctx: PartContext;
beforeEach(async () => {
  dir = await tempDir();
  ctx = await createPartContext(testPlatform(join(dir.path, 'data'), { keychain: memoryKeychain() }));
});
afterEach(async () => {
  await ctx.disposables.dispose();
  await dir.remove();
});

const call = { origin: 'ipc' as const, signal: new AbortController().signal };

describe('parts built on their own', () => {
  it('a few parts make a working slice of the core: a secret set through its channel is audited', async () => {
    const settings = await createSettingsPart(ctx);
    const audit = await createAuditPart(ctx);
    const secrets = await createSecretsPart(ctx, settings.services);
    await keyAuditLog(ctx, { ...audit.services, ...secrets.services });
    // The key is bound to the server it is for, so that server is set first.
    await settings.services.settings.update({ fallback: { remoteBaseUrl: 'https://models.example' } });
    const handlers = { ...settings.handlers, ...audit.handlers, ...secrets.handlers } as unknown as Handlers;
    const dispatcher = new Dispatcher(handlers, ctx.logger, undefined, audit.services.audit);
    const changed: string[][] = [];
    ctx.events.on('secrets.changed', ({ names }) => changed.push(names));

    await expect(
      dispatcher.call('secrets.set', { name: 'remote-endpoint-key', value: 'sk-1' }, { ...call, caller: 'desktop' }),
    ).resolves.toEqual({ ok: true, value: { name: 'remote-endpoint-key', exists: true } });
    expect(changed).toEqual([['remote-endpoint-key']]);
    await expect(audit.handlers['audit.verify']({}, call)).resolves.toMatchObject({ ok: true, entries: 1 });
    const logged = await readFile(join(ctx.paths.audit, 'audit.jsonl'), 'utf8');
    expect(logged).toContain('"action":"secrets.set"');
    expect(logged).toContain('"actor":"desktop"');
    // The value itself never reaches the audit log.
    expect(logged).not.toContain('sk-1');
    expect(ctx.disposables.pending).toEqual([
      'secrets',
      'audit',
      'settings',
      'internal events',
      'background starts',
      'client events',
    ]);
  });

  it('settings changes reach clients, and a disposed settings part waits for its write and refuses more', async () => {
    const settings = await createSettingsPart(ctx);
    const seen: number[] = [];
    ctx.events.on('settings.changed', (value) => seen.push(value.inference.threads));
    const write = settings.handlers['settings.update']({ inference: { threads: 3 } }, call);
    await ctx.disposables.dispose();
    await expect(write).resolves.toMatchObject({ inference: { threads: 3 } });
    expect(seen).toEqual([3]);
    expect(JSON.parse(await readFile(ctx.paths.settings, 'utf8'))).toMatchObject({ inference: { threads: 3 } });
    await expect(settings.services.settings.update({ inference: { threads: 4 } })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
