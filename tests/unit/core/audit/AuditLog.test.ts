import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../electron/core/audit/AuditLog';
import { tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-audit-');
});
afterEach(() => dir.remove());

async function logWith(n: number): Promise<AuditLog> {
  const log = await AuditLog.open({ dir: dir.path });
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
    const reopened = await AuditLog.open({ dir: dir.path });
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
    const log = await AuditLog.open({ dir: dir.path });
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ actor: 'agent', action: `a${i}` })));
    expect(await log.verify()).toEqual({ ok: true, entries: 50, problem: null });
  });
});
