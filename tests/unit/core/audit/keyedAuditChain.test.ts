import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../electron/core/audit/AuditLog';
import { canonicalJson } from '../../../../electron/core/audit/canonicalJson';
import { tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let key: Buffer;
beforeEach(async () => {
  dir = await tempDir('hearth-audit-');
  key = randomBytes(32);
});
afterEach(() => dir.remove());

const GENESIS = '0'.repeat(64);
const sha256 = (entry: object) => createHash('sha256').update(canonicalJson(entry)).digest('hex');
type Entry = Record<string, unknown> & { seq: number; prev: string; hash: string };

/**
 * Writes a chain the way an unkeyed writer does — Hearth before this change, or someone who can write the files but
 * not read the keychain: plain SHA-256 links and an unsigned head `{ seq, hash }`.
 */
async function writePlainChain(entries: Array<Record<string, unknown>>): Promise<void> {
  let prev = GENESIS;
  const lines: string[] = [];
  for (const [i, record] of entries.entries()) {
    const base = { seq: i + 1, ts: `2026-01-0${(i % 9) + 1}T00:00:00.000Z`, ...record, prev };
    prev = sha256(base);
    lines.push(JSON.stringify({ ...base, hash: prev }));
  }
  await writeFile(join(dir.path, 'audit.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(dir.path, 'head.json'), JSON.stringify({ seq: entries.length, hash: prev }));
}

async function readEntries(): Promise<Entry[]> {
  const text = await readFile(join(dir.path, 'audit.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry);
}

async function openLog(created: boolean, withKey = key): Promise<AuditLog> {
  const log = await AuditLog.open({ dir: dir.path });
  await log.useKey({ key: withKey, created });
  return log;
}

async function keyedLogWith(n: number): Promise<void> {
  const log = await openLog(true);
  for (let i = 1; i <= n; i++) await log.append({ actor: 'agent', action: 'tool.read_document', data: { id: i } });
  await log.dispose();
}

describe('the keyed audit chain', () => {
  it('does not verify a chain rebuilt with correct plain SHA-256 links but without the key', async () => {
    await keyedLogWith(4);
    // The attacker edits entry 2 and recomputes every link and the head, as an unkeyed chain would be.
    const edited = (await readEntries()).map(({ seq: _s, ts: _t, prev: _p, hash: _h, ...record }, i) =>
      i === 1 ? { ...record, data: { id: 99 } } : record,
    );
    await writePlainChain(edited);

    const reopened = await openLog(false);
    const result = await reopened.verify();
    expect(result.ok).toBe(false);
    expect(result.problem?.reason).toMatch(/changed|without its key/);
  });

  it('does not verify a rebuilt chain whose signed head was kept either', async () => {
    await keyedLogWith(3);
    const head = await readFile(join(dir.path, 'head.json'), 'utf8');
    const edited = (await readEntries()).map(({ seq: _s, ts: _t, prev: _p, hash: _h, ...record }) => record);
    await writePlainChain([...edited.slice(0, 2), { actor: 'agent', action: 'tool.read_document', data: { id: 7 } }]);
    await writeFile(join(dir.path, 'head.json'), head);
    expect(await (await openLog(false)).verify()).toMatchObject({ ok: false, problem: { line: 1 } });
  });

  it('does not verify with another key, and keeps reporting a forged head after new appends', async () => {
    await keyedLogWith(2);
    expect((await (await openLog(false, randomBytes(32))).verify()).ok).toBe(false);

    // A forged head is recorded at open; signing a fresh head on the next append must not launder it.
    const head = JSON.parse(await readFile(join(dir.path, 'head.json'), 'utf8')) as Record<string, unknown>;
    const forgedMac = `${String(head.mac).slice(0, -1)}${String(head.mac).endsWith('0') ? '1' : '0'}`;
    await writeFile(join(dir.path, 'head.json'), JSON.stringify({ ...head, mac: forgedMac }));
    const log = await openLog(false);
    await log.append({ actor: 'agent', action: 'after' });
    await log.dispose();
    expect(await (await openLog(false)).verify()).toMatchObject({
      ok: false,
      problem: { reason: expect.stringMatching(/head\.json was changed/) },
    });
  });

  it('an edited keyed entry fails verification', async () => {
    await keyedLogWith(3);
    const lines = (await readFile(join(dir.path, 'audit.jsonl'), 'utf8')).replace('"id":2', '"id":20');
    await writeFile(join(dir.path, 'audit.jsonl'), lines);
    expect(await (await openLog(false)).verify()).toMatchObject({ ok: false, problem: { line: 2 } });
  });

  it('a log written before the upgrade still verifies, and the keyed part follows it', async () => {
    await writePlainChain([
      { actor: 'agent', action: 'tool.search_documents', data: { query: 'old' } },
      { actor: 'lsp', action: 'textDocument/definition' },
    ]);
    // First start after the upgrade: the key is new, the unsigned head marks where the keyed part starts.
    const upgraded = await openLog(true);
    expect(await upgraded.verify()).toEqual({ ok: true, entries: 2, problem: null });
    await upgraded.append({ actor: 'agent', action: 'tool.read_document', data: { id: 1 } });
    await upgraded.dispose();

    const later = await openLog(false);
    expect(await later.verify()).toEqual({ ok: true, entries: 3, problem: null });
    const head = JSON.parse(await readFile(join(dir.path, 'head.json'), 'utf8')) as Record<string, unknown>;
    expect(head).toMatchObject({ seq: 3, keyedFrom: 3, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('an old entry rewritten after the upgrade breaks the keyed link that follows it', async () => {
    await writePlainChain([
      { actor: 'agent', action: 'a' },
      { actor: 'agent', action: 'b' },
    ]);
    const upgraded = await openLog(true);
    await upgraded.append({ actor: 'agent', action: 'c' });
    await upgraded.dispose();
    const keyedThird = (await readEntries())[2];
    const signedHead = await readFile(join(dir.path, 'head.json'), 'utf8');
    // Entry 2 rewritten with a correct plain hash; the keyed third entry and the signed head are kept.
    await writePlainChain([
      { actor: 'agent', action: 'a' },
      { actor: 'agent', action: 'b-edited' },
    ]);
    const plain = await readFile(join(dir.path, 'audit.jsonl'), 'utf8');
    await writeFile(join(dir.path, 'audit.jsonl'), `${plain}${JSON.stringify(keyedThird)}\n`);
    await writeFile(join(dir.path, 'head.json'), signedHead);
    expect(await (await openLog(false)).verify()).toMatchObject({
      ok: false,
      problem: { line: 3, reason: expect.stringMatching(/does not follow/) },
    });
  });

  it('an unsigned head once the key exists is a rewrite, not an upgrade', async () => {
    await writePlainChain([{ actor: 'agent', action: 'a' }]);
    expect(await (await openLog(false)).verify()).toMatchObject({
      ok: false,
      problem: { reason: expect.stringMatching(/without its key/) },
    });
  });
});
