// Child process for the kill -9 test: writes to the catalogue in a tight loop until it is killed.
// Usage: node --import <tsx loader> catalogWriterChild.ts <dataDir> <seed>
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';

const [dataDir, seedArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: catalogWriterChild <dataDir> <seed>');
let seed = Number(seedArg ?? 1) >>> 0 || 1;
// xorshift32: each seed kills the writer at a different mix of operations.
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
};
const int = (n: number): number => Math.floor(random() * n);

const catalog = Catalog.open({ dataDir });
const words = ['alpha', 'beta', 'gamma', 'delta', 'café', '東京', 'sourdough', 'invoice', 'näive', 'report'];
const text = (): string => Array.from({ length: 20 + int(60) }, () => words[int(words.length)]).join(' ');
const chunks = () =>
  Array.from({ length: 1 + int(40) }, (_, ordinal) => ({
    ordinal,
    text: text(),
    provenance: { lineStart: ordinal + 1, lineEnd: ordinal + 2 },
    tokenCount: 50,
  }));

for (let i = 0; ; i++) {
  const docs = catalog.listDocuments();
  const op = docs.length < 5 ? 0 : int(3);
  if (op === 0) {
    const job = catalog.jobs.create({ batchId: `seed-${seedArg}`, input: { kind: 'path', path: `/corpus/${i}.txt` } });
    catalog.jobs.advance(job.id, 'admitted');
    const doc = catalog.createDocument({ name: `${i}.txt`, sha256: `${seedArg}-${i}-${int(1e9)}`, status: 'indexing' });
    catalog.jobs.advance(job.id, 'hashed', { documentId: doc.id });
    for (const stage of ['stored', 'parsed', 'chunked'] as const) catalog.jobs.advance(job.id, stage);
    catalog.replaceChunks(doc.id, 1, chunks());
    catalog.jobs.advance(job.id, 'embedded');
    catalog.updateDocument(doc.id, { status: 'indexed', embeddingVersion: 1 });
    catalog.jobs.advance(job.id, 'indexed');
  } else if (op === 1) {
    const doc = docs[int(docs.length)]!;
    catalog.replaceChunks(doc.id, doc.version + 1, chunks());
  } else {
    catalog.deleteDocument(docs[int(docs.length)]!.id);
  }
  if (i === 5) process.stdout.write('ready\n');
}
