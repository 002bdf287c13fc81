import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { BackupProgress } from '../../../../electron/shared/backupSchemas';
import type { Result } from '../../../../electron/shared/result';
import type { SearchResult } from '../../../../electron/shared/searchSchemas';
import { keychainServiceName } from '../../../../electron/core/secrets/keychainServiceName';
import type { TestCore } from '../../../helpers/tempCore';

const call = () => ({ origin: 'internal' as const, signal: new AbortController().signal });

/** Runs a backup stream channel through the dispatcher, collecting its progress. */
export async function streamCall<T>(
  core: TestCore,
  channel: string,
  input: unknown,
  signal = new AbortController().signal,
): Promise<{ result: Result<T>; progress: BackupProgress[] }> {
  const progress: BackupProgress[] = [];
  const result = (await core.services.dispatcher.stream(channel, input, { origin: 'internal', signal }, (p) =>
    progress.push(p as BackupProgress),
  )) as Result<T>;
  return { result, progress };
}

export async function query<T>(core: TestCore, channel: string, input: unknown): Promise<T> {
  const result = (await core.services.dispatcher.call(channel, input, call())) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * What a search returns, best first, as `score id` (score to 6 places): equal lists mean the same results. Passages
 * with equal scores are listed by id, since the order among ties is the vector index's internal one.
 */
export async function searchIds(core: TestCore, question: string): Promise<string[]> {
  const result = await query<SearchResult>(core, 'library.search', { query: question });
  return result.passages
    .map((p) => ({ score: p.score.toFixed(6), id: `${p.documentId}/${p.chunkId}` }))
    .sort((a, b) => Number(b.score) - Number(a.score) || a.id.localeCompare(b.id))
    .map((p) => `${p.score} ${p.id}`);
}

/** Every file under a folder with its size and modification time: "untouched" means this list is unchanged. */
export async function listTree(root: string, skip: (path: string) => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (skip(rel)) continue;
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path);
        out.push(`${rel} ${info.size} ${info.mtimeMs}`);
      }
    }
  };
  await walk(root);
  return out.sort();
}

/** Deletes what a test core put in its own keychain namespace. */
export async function clearKeychain(dataDir: string): Promise<void> {
  const service = keychainServiceName(dataDir, join(tmpdir(), 'hearth-default-never-used'));
  for (const credential of await findCredentialsAsync(service)) {
    await new AsyncEntry(service, credential.account).deleteCredential();
  }
}
