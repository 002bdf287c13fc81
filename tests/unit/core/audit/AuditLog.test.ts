import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../electron/core/audit/AuditLog';
import { tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let key: Buffer;
beforeEach(async () => {
  dir = await tempDir('hearth-audit-');
  key = randomBytes(32);
});
afterEach(() => dir.remove());

/** The log as the core opens it: keyed with the keychain's key (created at this start or found there). */
async function openLog(created = false, withKey = key): Promise<AuditLog> {
  const log = await AuditLog.open({ dir: dir.path });
  await log.useKey({ key: withKey, created });
  return log;
}

async function logWith(n: number): Promise<AuditLog> {
  const log = await openLog(true);
  for (let i = 1; i <= n; i++)
    await log.append({ actor: 'agent', action: 'tool.search_documents', data: { query: `q${i}` } });
  return log;
}

async function rewrite(log: AuditLog, change: (lines: string[]) => string[]): Promise<void> {
  const lines = (await readFile(log.path, 'utf8')).split('\n').filter(Boolean);
  await writeFile(log.path, `${change(lines).join('\n')}\n`);
}

describe('AuditLog', () => {
  it('chains entries and verifies, also after reopening', async () => {
    const log = await logWith(5);
    expect(await log.verify()).toEqual({ ok: true, entries: 5, problem: null });
    const reopened = await openLog();
    await reopened.append({ actor: 'lsp', action: 'textDocument/definition' });
    expect(await reopened.verify()).toEqual({ ok: true, entries: 6, problem: null });
  });

  it('finds an edited entry', async () => {
    const log = await logWith(5);
    await rewrite(log, (lines) => lines.map((l, i) => (i === 2 ? l.replace('q3', 'q3-edited') : l)));
    expect(await log.verify()).toMatchObject({
      ok: false,
      problem: { line: 3, reason: expect.stringMatching(/changed/) },
    });
  });

  it('finds a deleted entry', async () => {
    const log = await logWith(5);
    await rewrite(log, (lines) => lines.filter((_, i) => i !== 1));
    expect(await log.verify()).toMatchObject({ ok: false, problem: { line: 2 } });
  });

  it('finds reordered entries', async () => {
    const log = await logWith(5);
    await rewrite(log, (lines) => [lines[0]!, lines[2]!, lines[1]!, lines[3]!, lines[4]!]);
    expect(await log.verify()).toMatchObject({ ok: false, problem: { line: 2 } });
  });

  it('finds entries cut from the end', async () => {
    const log = await logWith(5);
    await rewrite(log, (lines) => lines.slice(0, 4));
    expect(await log.verify()).toMatchObject({
      ok: false,
      problem: { reason: expect.stringMatching(/removed from the end/) },
    });
  });

  it('keeps the chain intact under concurrent appends', async () => {
    const log = await openLog(true);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ actor: 'agent', action: `a${i}` })));
    expect(await log.verify()).toEqual({ ok: true, entries: 50, problem: null });
  });

  it('holds appends made before the key arrives and writes them keyed', async () => {
    const log = await AuditLog.open({ dir: dir.path });
    const early = log.append({ actor: 'user:desktop', action: 'settings.update' });
    await log.useKey({ key, created: true });
    await expect(early).resolves.toMatchObject({ seq: 1 });
    expect(await (await openLog()).verify()).toEqual({ ok: true, entries: 1, problem: null });
  });

  it('refuses to write or check without its key, and a dispose before the key does not hang', async () => {
    const log = await AuditLog.open({ dir: dir.path });
    await log.useKey(null);
    await expect(log.append({ actor: 'agent', action: 'x' })).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(log.verify()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    const never = await AuditLog.open({ dir: join(dir.path, 'other') });
    const waiting = never.append({ actor: 'agent', action: 'y' });
    await never.dispose();
    await expect(waiting).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});
