import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import type { ParsedDocument } from '../../../../../electron/core/library/parse/ParsedDocument';
import type { ParseFileOptions } from '../../../../../electron/core/library/parse/parseFile';
import { childJobId, spawnAttachmentJobs } from '../../../../../electron/core/library/pipeline/attachmentJobs';
import { IngestionPipeline } from '../../../../../electron/core/library/pipeline/IngestionPipeline';
import type { EmbedFn } from '../../../../../electron/core/library/pipeline/pipelineTypes';
import { tempDir } from '../../../../helpers/tempCore';
import { fakeChunk, fakeEmbed, fakeParse, MemoryObjects, MemoryVectorStore } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
let vectors: MemoryVectorStore;
let objects: MemoryObjects;
/** Whether each parse was asked for attachments as documents, by file name. */
let asked: Map<string, boolean>;

/** A "mail": its first line is its subject, each "ATT name: text" line an attachment. */
async function parse(path: string, options: ParseFileOptions): Promise<ParsedDocument> {
  asked.set(options.name ?? path, options.attachmentsAsDocuments === true);
  const text = await readFile(path, 'utf8');
  if (!text.startsWith('MAIL')) return fakeParse(path);
  const lines = text.split('\n');
  const attachments = lines
    .filter((l) => l.startsWith('ATT '))
    .map((l) => /^ATT ([^:]+): (.*)$/.exec(l)!)
    .map(([, name, body]) => ({ name: name!, bytes: Buffer.from(body!), subject: lines[0]! }));
  return {
    type: 'email',
    sections: [{ text: lines[0]!, provenance: { headingPath: [lines[0]!] } }],
    ...(options.attachmentsAsDocuments
      ? { attachments, skippedAttachments: [{ name: 'logo.png', reason: 'An image.' }] }
      : {}),
  };
}

function pipeline(embed: EmbedFn = (texts) => fakeEmbed(texts)): IngestionPipeline {
  return new IngestionPipeline({
    catalog,
    objects,
    vectors,
    embed,
    parse,
    chunk: fakeChunk,
    maxBytes: 1024,
    embeddingVersion: 1,
    attachmentsDir: join(dir.path, 'attachments'),
  });
}

async function mailFile(name = 'q3.eml'): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, 'MAIL Q3 numbers\nATT sales.txt: sales rose\nATT plan.txt: plan ahead\n');
  return path;
}

beforeEach(async () => {
  dir = await tempDir('hearth-attachments-');
  catalog = Catalog.open({ dataDir: dir.path });
  vectors = new MemoryVectorStore();
  objects = new MemoryObjects();
  asked = new Map();
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

describe('email attachments through the ingestion pipeline', () => {
  it('gives each attachment a job and a document of its own in the same batch, linked to the mail', async () => {
    const result = await pipeline().ingest([{ path: await mailFile() }], { collection: 'Work' });
    const mail = catalog.getDocument(result.files[0]!.documentId!)!;
    expect(result.files).toHaveLength(1);
    expect(result.attachments?.map((f) => [f.name, f.stage, f.parentId])).toEqual([
      ['sales.txt', 'indexed', mail.id],
      ['plan.txt', 'indexed', mail.id],
    ]);
    expect(catalog.attachments.children(mail.id).map((d) => [d.name, d.collection, d.attachedTo])).toEqual([
      ['plan.txt', 'Work', 'attached to MAIL Q3 numbers (q3.eml)'],
      ['sales.txt', 'Work', 'attached to MAIL Q3 numbers (q3.eml)'],
    ]);
    expect(catalog.attachments.skipped(mail.id)).toEqual([{ name: 'logo.png', reason: 'An image.' }]);
    // Only the mail is asked for its attachments: an attachment's own stay inline (one level of children).
    expect(Object.fromEntries(asked)).toEqual({ 'q3.eml': true, 'sales.txt': false, 'plan.txt': false });
  });

  it('a mail that fails after handing out its attachments and is retried makes no second set', async () => {
    let failMail = true;
    const embed: EmbedFn = async (texts) => {
      if (failMail && texts.some((t) => t.startsWith('MAIL'))) throw new Error('embedder fell over');
      return fakeEmbed(texts);
    };
    const p = pipeline(embed);
    const first = await p.ingest([{ path: await mailFile() }]);
    expect(first.files[0]).toMatchObject({ stage: 'failed' });
    expect(first.attachments?.map((f) => f.stage)).toEqual(['indexed', 'indexed']);
    failMail = false;
    expect(await p.retry(first.files[0]!.jobId)).toMatchObject({ stage: 'indexed' });
    const mailId = first.files[0]!.documentId!;
    expect(catalog.attachments.children(mailId)).toHaveLength(2);
    expect(catalog.jobs.list().filter((j) => j.input.kind === 'staging')).toHaveLength(2);
  });

  it('a mail parsed again (resume) finds the jobs it made and leaves their files alone', async () => {
    const result = await pipeline().ingest([{ path: await mailFile() }]);
    const mail = catalog.getDocument(result.files[0]!.documentId!)!;
    const attachmentsDir = join(dir.path, 'attachments');
    const handle = join(attachmentsDir, childJobId(mail.id, 1, 0));
    await writeFile(handle, 'being read by its own job');
    const parsed = await parse(await mailFile(), { maxBytes: 1024, attachmentsAsDocuments: true });
    const created = await spawnAttachmentJobs({
      ...{ catalog, dir: attachmentsDir, batchId: 'b2', parsed, parent: mail },
      remove: () => Promise.resolve(),
    });
    expect(created).toEqual([]);
    expect(await readFile(handle, 'utf8')).toBe('being read by its own job');
    expect(catalog.jobs.list().filter((j) => j.input.kind === 'staging')).toHaveLength(2);
  });

  it("a revised mail's attachments replace the old version's, and run on the next resume", async () => {
    const p = pipeline();
    const result = await p.ingest([{ path: await mailFile() }]);
    const mailId = result.files[0]!.documentId!;
    const old = catalog.attachments.children(mailId).map((d) => d.id);
    // The reviser committed version 2 of the mail, parsed with its attachments as documents.
    catalog.updateDocument(mailId, { version: 2 });
    const path = join(dir.path, 'q3.eml');
    await writeFile(path, 'MAIL Q3 numbers\nATT forecast.txt: forecast holds\n');
    await p.adoptAttachments(mailId, await parse(path, { maxBytes: 1024, attachmentsAsDocuments: true }));
    for (const id of old) expect(catalog.getDocument(id)).toBeUndefined();
    const resumed = await p.resume();
    expect(resumed.files.map((f) => [f.jobId, f.name, f.stage])).toEqual([
      [childJobId(mailId, 2, 0), 'forecast.txt', 'indexed'],
    ]);
    expect(catalog.attachments.children(mailId).map((d) => d.name)).toEqual(['forecast.txt']);
  });

  it('deleting the mail deletes its attachments: rows, vectors, originals, and jobs not started yet', async () => {
    const p = pipeline();
    const result = await p.ingest([{ path: await mailFile() }]);
    const mailId = result.files[0]!.documentId!;
    const children = catalog.attachments.children(mailId);
    expect(children.every((c) => vectors.countFor(c.id) > 0 && objects.objects.has(c.objectKey!))).toBe(true);
    // A waiting job as a kill before its first stage leaves it.
    const waiting = catalog.jobs.create({
      batchId: 'b',
      input: { kind: 'staging', handle: join(dir.path, 'attachments', 'w'), name: 'w.txt', parentId: mailId },
    });
    await writeFile(join(dir.path, 'attachments', 'w'), 'waiting');
    await p.delete(mailId);
    for (const c of children) {
      expect(catalog.getDocument(c.id)).toBeUndefined();
      expect(vectors.countFor(c.id)).toBe(0);
      expect(objects.objects.has(c.objectKey!)).toBe(false);
    }
    expect(catalog.jobs.get(waiting.id)).toBeUndefined();
    expect(catalog.jobs.list()).toEqual([]);
    expect(catalog.attachments.skipped(mailId)).toEqual([]);
    expect(objects.objects.size).toBe(0);
  });

  it('an attachment already in the library is linked from the second mail, not indexed twice', async () => {
    const first = await pipeline().ingest([{ path: await mailFile('q3.eml') }]);
    const second = join(dir.path, 'fwd.eml');
    await writeFile(second, 'MAIL Fwd: Q3 numbers\nATT sales.txt: sales rose\n');
    const again = await pipeline().ingest([{ path: second }]);
    expect(again.attachments).toMatchObject([{ name: 'sales.txt', stage: 'indexed', duplicate: true }]);
    const original = catalog.attachments.children(first.files[0]!.documentId!).find((d) => d.name === 'sales.txt')!;
    const fwd = again.files[0]!.documentId!;
    expect(catalog.attachments.children(fwd)).toEqual([]);
    expect(catalog.attachments.linked(fwd).map((d) => d.id)).toEqual([original.id]);
    expect(catalog.listDocuments().filter((d) => d.name === 'sales.txt')).toHaveLength(1);
  });

  it('names attachment jobs the same way every time, distinct per mail, version and place', () => {
    expect(childJobId('m', 1, 0)).toBe(childJobId('m', 1, 0));
    expect(
      new Set([childJobId('m', 1, 0), childJobId('m', 1, 1), childJobId('m', 2, 0), childJobId('n', 1, 0)]).size,
    ).toBe(4);
    expect(childJobId('m', 1, 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
