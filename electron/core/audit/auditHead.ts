import { readFile, rename, writeFile } from 'node:fs/promises';
import { GENESIS, headMac, sameDigest } from './auditDigest';

/** A verification failure: the line it concerns and what a person should read. */
interface AuditProblem {
  line: number;
  reason: string;
}

/** What `head.json` records: the chain's end, where keyed entries start, and any tampering found at open. */
export interface AuditHead {
  /** Sequence number of the last entry written. */
  seq: number;
  /** Hash of the last entry written. */
  hash: string;
  /** First entry chained with the key; earlier ones were written by an unkeyed Hearth and use plain SHA-256. */
  keyedFrom: number;
  /** Kept once found, so that writing a fresh signed head can never launder a forged one. */
  broken: AuditProblem | null;
}

/** Options for reading the head. */
export interface ReadHeadOptions {
  /** Path of `head.json`. */
  file: string;
  /** The audit key. */
  key: Buffer;
  /** The key was created at this start: an unsigned head is then an old unkeyed log being upgraded. */
  keyIsNew: boolean;
}

/** The head, and whether it must be written back at once (an upgrade, or tampering to record). */
export async function readHead(options: ReadHeadOptions): Promise<{ head: AuditHead; rewrite: boolean }> {
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { head: { seq: 0, hash: GENESIS, keyedFrom: 1, broken: null }, rewrite: false };
  }
  let stored: Partial<AuditHead> & { mac?: unknown };
  try {
    stored = JSON.parse(text) as typeof stored;
  } catch {
    const broken = { line: 0, reason: 'head.json is not valid JSON (the log was damaged or edited)' };
    return { head: { seq: 0, hash: GENESIS, keyedFrom: 1, broken }, rewrite: true };
  }
  const seq = typeof stored.seq === 'number' ? stored.seq : 0;
  const hash = typeof stored.hash === 'string' ? stored.hash : GENESIS;
  if (typeof stored.mac !== 'string') {
    // A head from before the key: the upgrade starts keyed entries after it. Once a key exists, an unsigned
    // head can only come from someone rebuilding the log without the key.
    const broken = options.keyIsNew
      ? null
      : { line: seq, reason: 'the log was rewritten without its key (head.json carries no signature)' };
    return { head: { seq, hash, keyedFrom: seq + 1, broken }, rewrite: true };
  }
  const head: AuditHead = {
    seq,
    hash,
    keyedFrom: typeof stored.keyedFrom === 'number' ? stored.keyedFrom : 1,
    broken: stored.broken ?? null,
  };
  if (sameDigest(headMac(options.key, head), stored.mac)) return { head, rewrite: false };
  const reason = options.keyIsNew
    ? 'the log was signed with a key the keychain no longer holds, so it cannot be checked'
    : 'head.json was changed without the log’s key';
  return { head: { ...head, broken: head.broken ?? { line: seq, reason } }, rewrite: true };
}

/** Writes the signed head atomically (temp file + rename). */
export async function writeHead(file: string, key: Buffer, head: AuditHead): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify({ ...head, mac: headMac(key, head) }), { mode: 0o600 });
  await rename(tmp, file);
}
