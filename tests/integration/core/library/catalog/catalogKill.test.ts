import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { repoRoot, tempDir } from '../../../../helpers/tempCore';

const childScript = fileURLToPath(new URL('./catalogWriterChild.ts', import.meta.url));
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-catalog-kill-');
});
afterEach(async () => {
  await dir.remove();
});

/** Starts the writer, waits until it is writing, lets it run `runMs` more, then kills it with SIGKILL. */
async function writeThenKill(seed: number, runMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--no-warnings', '--import', tsxLoader, childScript, dir.path, String(seed)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', () => reject(new Error(`writer exited before it was ready: ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, runMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

function expectConsistent(): number {
  const catalog = Catalog.open({ dataDir: dir.path });
  try {
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(catalog.keywordRowCount()).toBe(catalog.chunkCount());
    const docs = catalog.listDocuments();
    for (const doc of docs) {
      const chunks = catalog.listChunks(doc.id);
      expect(catalog.keywordRowCount(doc.id)).toBe(chunks.length);
      // A replacement landed whole or not at all: one version, ordinals 0..n-1.
      expect(chunks.every((c) => c.version === doc.version)).toBe(true);
      expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
      if (doc.status === 'indexed') expect(chunks.length).toBeGreaterThan(0);
    }
    expect(catalog.keywordSearch('sourdough', { topK: 5 }).length).toBeGreaterThan(0);
    return docs.length;
  } finally {
    catalog.dispose();
  }
}

function expectNoOrphans(): void {
  const db = new DatabaseSync(join(dir.path, 'catalog.db'));
  try {
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    const orphans = db
      .prepare('SELECT count(*) AS n FROM chunks WHERE document_id NOT IN (SELECT id FROM documents)')
      .get() as { n: number };
    expect(orphans.n).toBe(0);
  } finally {
    db.close();
  }
}

describe('catalogue under kill -9', () => {
  it('stays consistent and reopenable after the writer is killed at random points', async () => {
    for (const [seed, runMs] of [
      [11, 150],
      [23, 420],
      [37, 75],
      [41, 300],
    ] as const) {
      await writeThenKill(seed, runMs);
      expect(expectConsistent()).toBeGreaterThan(0);
      expectNoOrphans();
    }
  });
});
