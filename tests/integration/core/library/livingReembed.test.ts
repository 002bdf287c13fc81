import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import type { ReembedEstimate, ReembedStateInfo } from '../../../../electron/shared/livingLibrarySchemas';
import { DEFAULT_WORDS } from '../../../fixtures/gguf/defaultVocab';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import { repoRoot, tempDir, waitFor } from '../../../helpers/tempCore';
import { modelFile, startLivingCore, value } from './livingHelpers';

const childScript = fileURLToPath(new URL('./livingReembedChild.ts', import.meta.url));
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
// More documents than one re-embed group holds (16), so the kill lands between groups.
const DOCS = 96;

let dir: Awaited<ReturnType<typeof tempDir>>;
let dataDir: string;
let oldIndex: string;

beforeAll(async () => {
  dir = await tempDir('hearth-reembed-');
  dataDir = join(dir.path, 'data');
  const src = join(dir.path, 'src');
  await mkdir(src);
  for (let i = 0; i < DOCS; i++) {
    const words = Array.from({ length: 60 }, (_, k) => DEFAULT_WORDS[(i * 31 + k * 7) % DEFAULT_WORDS.length]);
    await writeFile(join(src, `doc-${i}.md`), `# Doc ${i}\n\nwater sea ${words.join(' ')}.\n`);
  }
  const core = await startLivingCore(dataDir, modelFile(dir.path));
  try {
    await core.services.library.ingest({ paths: [src] });
    oldIndex = core.services.libraryCatalog.indexes.active()!.name;
    // Another embedding model (other dimensions) becomes the default: a re-embed is due.
    const other = await createLexicalEmbeddingModel(modelFile(dir.path, 'other.gguf'), { nEmbd: 128, seed: 9 });
    const first = core.services.modelCatalog.list()[0]!.id;
    const otherId = (await core.services.modelCatalog.importFile(other.path, { displayName: 'Other' })).id;
    await core.services.modelCatalog.setDefault('embedding', otherId);
    const state = await value<ReembedStateInfo>(core, 'library.reembed.status', {});
    expect(state).toMatchObject({ needed: true, active: { name: oldIndex, dimensions: 256 } });
    // The ingest timed the first model; the new one never embedded here, so its estimate scales the first's rate.
    const passages = core.services.libraryCatalog.chunkCount();
    const own = await value<ReembedEstimate>(core, 'library.reembed.estimate', { model: first });
    expect(own).toMatchObject({ basis: 'measured', passages });
    expect(own.passagesPerSecond).toBeGreaterThan(0);
    expect(own.seconds).toBeCloseTo(passages / own.passagesPerSecond, 6);
    const scaled = await value<ReembedEstimate>(core, 'library.reembed.estimate', { model: otherId });
    expect(scaled).toMatchObject({ basis: 'scaled', from: first, passages });
  } finally {
    await core.dispose();
  }
}, 120_000);

afterAll(async () => {
  await dir?.remove();
});

/** Runs the child until it has reported `killAfter` documents and one search, then SIGKILLs it; returns its lines. */
async function runChild(killAfter: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--no-warnings', '--import', tsxLoader, childScript, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n').filter(Boolean)) {
      lines.push(line);
      // Progress arrives a group of documents at a time; the searches run after it, one by one.
      const progressed = lines.filter((l) => l.startsWith('progress')).length > killAfter;
      if (progressed && lines.some((l) => l.startsWith('query'))) child.kill('SIGKILL');
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  if (signal !== 'SIGKILL') throw new Error(`the re-embedding core ended by itself (${code}): ${stderr}`);
  return lines;
}

/** The collection names in the core's Chroma server, through its REST API. */
async function chromaCollections(core: TestCore): Promise<string[]> {
  const chroma = core.services.storage.chroma;
  if (!chroma) throw new Error('the core runs no Chroma server');
  const response = await fetch(`${chroma.url}/api/v2/tenants/default_tenant/databases/default_database/collections`, {
    headers: { Authorization: `Bearer ${chroma.token}` },
  });
  if (!response.ok) throw new Error(`Chroma answered ${response.status}`);
  return ((await response.json()) as Array<{ name: string }>).map((c) => c.name);
}

describe('re-embedding after an embedding-model change', () => {
  it('survives SIGKILL: resumes at start, completes, and search answers from a complete index throughout', async () => {
    const lines = await runChild(4);
    const queries = lines.filter((l) => l.startsWith('query'));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((q) => q === `query ok complete ${oldIndex}`)).toBe(true);

    const core = await startLivingCore(dataDir);
    try {
      const seen: number[] = [];
      core.services.events.on('library.reembed.progress', (p) => seen.push(p.done));
      const answers: string[] = [];
      await waitFor(
        'the resumed re-embed to complete',
        async () => {
          const active = core.services.libraryCatalog.indexes.active()!;
          const result = await core.services.retriever.search('water sea', { topK: 3, mode: 'vector' });
          const count = await core.services.library.indexFor(active).count();
          answers.push(
            `${result.vectorSkipped === null && result.passages.length > 0} ${count === core.services.libraryCatalog.chunkCount()}`,
          );
          return core.services.libraryCatalog.reembeds.latest()?.status === 'complete';
        },
        60_000,
      );
      expect(answers.every((a) => a === 'true true')).toBe(true);
      // It went on from where the killed run stood, not from the start.
      expect(seen[0]).toBeGreaterThan(0);
      const state = await value<ReembedStateInfo>(core, 'library.reembed.status', {});
      expect(state).toMatchObject({
        needed: false,
        active: { dimensions: 128 },
        run: { status: 'complete', done: DOCS },
      });
      expect(state.active!.name).not.toBe(oldIndex);
      const active = core.services.libraryCatalog.indexes.active()!;
      expect(await core.services.library.indexFor(active).count()).toBe(core.services.libraryCatalog.chunkCount());
      const after = await core.services.retriever.search('water sea', { topK: 3, mode: 'vector' });
      expect(after.vectorSkipped).toBeNull();
      expect(after.passages.length).toBe(3);
      // The old model's index is dropped once the new one is active: from the catalogue and from Chroma.
      await waitFor('the old index to be dropped', async () => !(await chromaCollections(core)).includes(oldIndex));
      expect(core.services.libraryCatalog.indexes.list().map((r) => r.name)).toEqual([active.name]);
      expect(await chromaCollections(core)).toContain(active.name);
    } finally {
      await core.dispose();
    }
  });

  it('a dropped index stays dropped when the core that wrote it deletes a document afterwards', async () => {
    const own = join(dir.path, 'own');
    const src = join(own, 'src');
    await mkdir(src, { recursive: true });
    for (let i = 0; i < 3; i++) await writeFile(join(src, `n-${i}.md`), `# Note ${i}\n\nwater sea farm ${i}\n`);
    const core = await startLivingCore(join(own, 'data'), modelFile(own));
    try {
      await core.services.living.start(core.services.storage.ready);
      await core.services.library.ingest({ paths: [src] });
      const first = core.services.libraryCatalog.indexes.active()!.name;
      const other = await createLexicalEmbeddingModel(modelFile(own, 'other.gguf'), { nEmbd: 128, seed: 9 });
      await core.services.modelCatalog.setDefault(
        'embedding',
        (await core.services.modelCatalog.importFile(other.path)).id,
      );
      await core.services.living.reembed.run();
      await waitFor('the first index to be dropped', async () => !(await chromaCollections(core)).includes(first));
      const doc = core.services.libraryCatalog.listDocuments()[0]!;
      await core.services.library.delete(doc.id);
      expect(await chromaCollections(core)).not.toContain(first);
      expect(core.services.libraryCatalog.indexes.list().map((r) => r.name)).toEqual([
        core.services.libraryCatalog.indexes.active()!.name,
      ]);
    } finally {
      await core.dispose();
    }
  });
});
