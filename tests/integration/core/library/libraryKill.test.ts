import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryBytes, CODE, makeDocx, makePdf } from '../../../fixtures/corpus/corpusFiles';
import { makeEml, makePptx, makeXlsx, makeZip } from '../../../fixtures/corpus/formatFiles';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import { repoRoot, startTestCore, tempDir } from '../../../helpers/tempCore';

const childScript = fileURLToPath(new URL('./libraryIngestChild.ts', import.meta.url));
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const WORDS = 'river lantern orchard comet bridge harbor meadow signal copper willow ember falcon'.split(' ');
const DELETE_NAME = 'note-03.md';

let dir: Awaited<ReturnType<typeof tempDir>>;
let corpus: string;
let modelPath: string;
const goodNames: string[] = [];

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  dir = await tempDir('hearth-library-kill-');
  corpus = join(dir.path, 'corpus');
  await mkdir(corpus);
  const random = rng(7);
  for (let i = 0; i < 10; i++) {
    const sentences = Array.from({ length: 80 }, () =>
      Array.from({ length: 8 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' '),
    );
    const name = `note-${String(i).padStart(2, '0')}.md`;
    await writeFile(join(corpus, name), `# Note ${i}\n\n${sentences.join('. ')}.\n`);
    goodNames.push(name);
  }
  await writeFile(join(corpus, 'report.pdf'), await makePdf(['river bridge', 'comet orchard', 'willow ember']));
  await writeFile(join(corpus, 'report.docx'), await makeDocx());
  await writeFile(join(corpus, 'add.ts'), CODE);
  goodNames.push('report.pdf', 'report.docx', 'add.ts');
  // The formats of issue 21 ride the same jobs: an email carrying a sheet and an archive holding a slide deck resume too.
  const sheet = makeXlsx([{ name: 'Log', rows: [['Word', 'Count'], ...WORDS.map((w, k) => [w, k])] }]);
  await writeFile(
    join(corpus, 'mail.eml'),
    makeEml({
      from: 'a@x.org',
      to: 'b@x.org',
      subject: 'Harbor signal',
      date: 'Mon, 1 Jan 2024 10:00:00 +0000',
      body: 'copper willow',
      attachments: [{ name: 'log.xlsx', type: 'application/octet-stream', data: sheet }],
    }),
  );
  const deck = makePptx([{ title: 'Comet', body: ['river lantern'], notes: 'falcon' }]);
  await writeFile(
    join(corpus, 'bundle.zip'),
    makeZip([
      { name: 'meadow.md', data: Buffer.from('# Meadow\n\nember\n') },
      { name: 'deck.pptx', data: deck },
    ]),
  );
  // The mail's sheet becomes a document of its own (a child of the mail), resumed like any file.
  goodNames.push('mail.eml', 'log.xlsx', 'bundle.zip');
  await writeFile(join(corpus, 'binary.txt'), binaryBytes());
  modelPath = (await createLexicalEmbeddingModel(join(dir.path, 'lexical.gguf'))).path;
}, 60_000);

afterAll(async () => {
  await dir?.remove();
});

/** Runs the child; kills it with SIGKILL after `killAfter` progress lines (never, if null). True if it finished. */
async function runChild(dataDir: string, killAfter: number | null): Promise<boolean> {
  const child = spawn(
    process.execPath,
    ['--no-warnings', '--import', tsxLoader, childScript, dataDir, corpus, DELETE_NAME],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let progress = 0;
  let done = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      if (line === 'done') done = true;
      if (line.startsWith('progress') && ++progress === killAfter) child.kill('SIGKILL');
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (c, s) => resolve([c, s])),
  );
  if (signal !== 'SIGKILL' && code !== 0) throw new Error(`the ingesting core failed (${code}): ${stderr}`);
  return done && code === 0;
}

async function expectConsistent(dataDir: string): Promise<void> {
  const core = await startTestCore(dataDir, { startSidecars: true });
  try {
    await core.services.storage.ready;
    const { libraryCatalog: catalog } = core.services;
    const docs = catalog.listDocuments();
    const indexed = docs.filter((d) => d.status === 'indexed');
    // Every good file indexed exactly once; the deleted one gone; the bad one failed with its reason.
    const summary = JSON.stringify(docs.map((d) => [d.name, d.status, d.error?.message, d.id.slice(0, 8)]));
    expect(indexed.map((d) => d.name).sort(), summary).toEqual(goodNames.filter((n) => n !== DELETE_NAME).sort());
    expect(new Set(indexed.map((d) => d.sha256)).size).toBe(indexed.length);
    expect(docs.find((d) => d.name === 'binary.txt')).toMatchObject({ status: 'failed' });
    const mail = indexed.find((d) => d.name === 'mail.eml');
    expect(indexed.find((d) => d.name === 'log.xlsx')).toMatchObject({ parentId: mail?.id });
    expect(catalog.jobs.listResumable()).toEqual([]);
    // Nothing left half-made by a killed attempt.
    expect(docs.filter((d) => d.status === 'indexing' || d.status === 'pending').map((d) => d.name)).toEqual([]);
    // Vectors, keyword rows and chunks agree, per document and in total (so nothing is left of deleted ones).
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(catalog.keywordRowCount()).toBe(catalog.chunkCount());
    const [key, ...others] = catalog.indexes.list();
    expect(others).toEqual([]);
    const store = core.services.library.indexFor(key!);
    expect(await store.count()).toBe(catalog.chunkCount());
    const probe = new Array<number>(key!.dimensions).fill(1 / Math.sqrt(key!.dimensions));
    for (const doc of indexed) {
      const hits = await store.query(probe, { topK: 1000, filter: { documentId: doc.id } });
      expect(hits.length, doc.name).toBe(catalog.chunkCount(doc.id));
    }
    // Objects in the bucket are exactly the originals the catalogue knows.
    const objects = await core.services.storage.requireObjects();
    const keys = (await objects.list()).map((o) => o.key).sort();
    expect(keys).toEqual(docs.flatMap((d) => (d.objectKey ? [d.objectKey] : [])).sort());
  } finally {
    await core.dispose();
  }
}

describe('ingestion under kill -9', () => {
  it.each([1, 2, 3])(
    'seed %i: killed at random points, resumed at each start, ends with every document indexed exactly once',
    async (seed) => {
      const dataDir = join(dir.path, `data-${seed}`);
      const setup = await startTestCore(dataDir);
      await setup.services.modelCatalog.setDefault(
        'embedding',
        (await setup.services.modelCatalog.importFile(modelPath)).id,
      );
      await setup.dispose();

      const random = rng(seed);
      let kills = 0;
      for (; kills < 4; kills++) {
        if (await runChild(dataDir, 1 + Math.floor(random() * 40))) break;
      }
      expect(kills).toBeGreaterThan(0);
      expect(await runChild(dataDir, null)).toBe(true);
      await expectConsistent(dataDir);
    },
    240_000,
  );
});
