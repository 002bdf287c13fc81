import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_PASSWORD_SECRET, ROOT_USER_SECRET } from '../../electron/core/objects';
import { createLexicalEmbeddingModel } from '../../tests/fixtures/gguf/tinyLlama';
import { RETRIEVAL_VOCAB, writeRetrievalCorpus } from '../../tests/fixtures/retrieval/retrievalCorpus';
import { startTestCore, type TestCore } from '../../tests/helpers/tempCore';
import type { BenchRow } from './stats';
import { round } from './stats';

const DOCUMENTS = 200;
const KEY = 'bench backup passphrase';
const BUCKET = 'hearth-backups';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/**
 * `npm run bench -- backup` (issue 20): a 200-document library (the retrieval corpus, ingested through the core)
 * backed up to an S3 server process (the source core's own dev S3 sidecar, another bucket), a second backup after
 * one document is revised (bytes sent), verify, and a restore into a second core on an empty data folder. MB/s are
 * library bytes (catalogue rows, vectors, originals, settings, model list) per second of the whole operation.
 */
export async function backupSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-backup-'));
  const cores: TestCore[] = [];
  const start = async (name: string, modelPath: string): Promise<TestCore> => {
    const core = await startTestCore(join(work, name), { startSidecars: true });
    cores.push(core);
    await core.services.storage.ready;
    const info = await core.services.modelCatalog.importFile(modelPath);
    await core.services.modelCatalog.setDefault('embedding', info.id);
    return core;
  };
  try {
    const model = await createLexicalEmbeddingModel(join(work, 'lexical.gguf'), { vocab: RETRIEVAL_VOCAB });
    await writeRetrievalCorpus(join(work, 'corpus'), { documents: DOCUMENTS });
    const source = await start('source', model.path);
    const ingest = await source.library.ingest({ paths: [join(work, 'corpus')] });
    const indexed = source.services.libraryCatalog.listDocuments({ status: 'indexed' }).length;
    if (indexed !== DOCUMENTS)
      throw new Error(`only ${indexed} of ${DOCUMENTS} documents indexed (${ingest.files.length} files)`);

    const endpoint = (await source.services.storage.status()).objects.endpoint;
    const destination = {
      kind: 's3' as const,
      endpoint,
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: (await source.services.secrets.reveal(ROOT_USER_SECRET)) ?? '',
    };
    const secretKey = (await source.services.secrets.reveal(ROOT_PASSWORD_SECRET)) ?? '';
    await source.services.backups.configure({ destination, secretKey, backupKey: KEY });

    const full = await timed(() => source.services.backups.backup(() => undefined));
    const doc = source.services.libraryCatalog.listDocuments().find((d) => d.name === 'story-100.md')!;
    const edited = join(work, 'story-100-edited.md');
    await writeFile(edited, '# Story 100\n\n## Part 1\n\nIn the spring the baker mended the violin near the tower.\n');
    await source.services.living.reviser.revise(doc.id, edited, 'disk', { signal: new AbortController().signal });
    const incremental = await timed(() => source.services.backups.backup(() => undefined));
    const verify = await timed(() => source.services.backups.verify(incremental.value.id, undefined, () => undefined));

    const target = await start('target', model.path);
    await target.services.backups.configure({ destination, secretKey });
    const restore = await timed(() => target.services.backups.restore(incremental.value.id, KEY, () => undefined));
    const restoredDocs = target.services.libraryCatalog.listDocuments({ status: 'indexed' }).length;
    if (restoredDocs !== DOCUMENTS) throw new Error(`restore brought back ${restoredDocs} of ${DOCUMENTS} documents`);

    const mb = (bytes: number): number => bytes / 1_048_576;
    const library = incremental.value.totalBytes;
    const rows: BenchRow[] = [
      {
        metric: 'library size (backed-up bytes)',
        value: round(mb(library), 2),
        unit: 'MiB',
        note: `${DOCUMENTS} documents`,
      },
      {
        metric: 'full backup',
        value: round(mb(full.value.totalBytes) / full.seconds, 2),
        unit: 'MiB/s',
        note: `${round(full.seconds, 2)} s, ${full.value.uploadedBytes} B sent`,
      },
      {
        metric: 'incremental backup after one edit: sent',
        value: incremental.value.uploadedBytes,
        unit: 'bytes',
        note: `${round(incremental.seconds, 2)} s`,
      },
      {
        metric: 'incremental sent / full sent',
        value: round((100 * incremental.value.uploadedBytes) / full.value.uploadedBytes, 2),
        unit: '%',
      },
      {
        metric: 'verify',
        value: round(mb(verify.value.bytes) / verify.seconds, 2),
        unit: 'MiB/s',
        note: `${round(verify.seconds, 2)} s, ${verify.value.pieces} pieces`,
      },
      {
        metric: 'restore into an empty data folder',
        value: round(mb(library) / restore.seconds, 2),
        unit: 'MiB/s',
        note: `${round(restore.seconds, 2)} s, ${restore.value.vectors} vectors`,
      },
    ];
    return {
      rows,
      meta: {
        documents: DOCUMENTS,
        pieceAverageBytes: 16_384,
        counts: incremental.value.counts,
        destination: 'dev S3 server process (loopback)',
      },
    };
  } finally {
    for (const core of cores.reverse()) await core.dispose();
    await rm(work, { recursive: true, force: true });
  }
}
