import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../../electron/core/library/catalog/catalogTypes';
import type { AskEvent, Message } from '../../../../electron/shared/answerSchemas';
import type { z } from 'zod';
import type { BatchResult, LibraryDocumentDetailSchema } from '../../../../electron/shared/librarySchemas';
import type { Result } from '../../../../electron/shared/result';
import type { SearchResult } from '../../../../electron/shared/searchSchemas';
import { makeDocx, makePdf } from '../../../fixtures/corpus/corpusFiles';
import { makeEml, makeMbox } from '../../../fixtures/corpus/formatFiles';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir, waitFor } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let batch: BatchResult;
const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });
type LibraryDocumentDetail = z.infer<typeof LibraryDocumentDetailSchema>;
const DATE = 'Mon, 1 Jan 2024 10:00:00 +0000';
/** Not an image Hearth reads inside a mail: a PNG signature and nothing more. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

async function invoice(): Promise<Buffer> {
  return makeEml({
    from: 'ann@example.org',
    to: 'bob@example.org',
    subject: 'Invoice 42',
    date: DATE,
    body: 'Please find the paperwork attached.',
    attachments: [
      { name: 'terms.pdf', type: 'application/pdf', data: await makePdf(['The lighthouse keeper signs the ledger']) },
      { name: 'report.docx', type: 'application/octet-stream', data: await makeDocx() },
      { name: 'notes.txt', type: 'text/plain', data: Buffer.from('The gannet colony nests on the cliff.\n') },
      { name: 'photo.png', type: 'image/png', data: PNG },
    ],
  });
}

function mbox(): Buffer {
  const mail = (subject: string, name: string, text: string) =>
    makeEml({
      from: 'a@x.org',
      to: 'b@x.org',
      subject,
      date: DATE,
      body: `About ${subject}.`,
      attachments: [{ name, type: 'text/plain', data: Buffer.from(text) }],
    });
  return makeMbox([
    mail('Rota', 'rota.md', '# Rota\n\nThe ferryman works on Tuesdays.\n'),
    mail('Minutes', 'minutes.txt', 'The committee approved the boathouse roof.\n'),
  ]);
}

const catalog = () => core.services.libraryCatalog;
const byName = (name: string): DocumentRecord => {
  const doc = catalog()
    .listDocuments()
    .find((d) => d.name === name);
  if (!doc) throw new Error(`no document named ${name}`);
  return doc;
};

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = (await core.services.dispatcher.call(channel as never, input as never, ctx())) as Result<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeAll(async () => {
  dir = await tempDir('hearth-email-attachments-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  await core.services.settings.update({ answers: { maxTokens: 24 } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chat.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  await writeFile(join(dir.path, 'invoice.eml'), await invoice());
  await writeFile(join(dir.path, 'archive.mbox'), mbox());
  batch = await core.services.library.ingest({
    paths: [join(dir.path, 'invoice.eml'), join(dir.path, 'archive.mbox')],
  });
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('email attachments as documents of their own', () => {
  it('indexes each readable attachment as a child of its mail, stored like an upload, and lists the rest', () => {
    expect(batch.files.map((f) => [f.name, f.stage])).toEqual([
      ['invoice.eml', 'indexed'],
      ['archive.mbox', 'indexed'],
    ]);
    const mail = byName('invoice.eml');
    expect(batch.attachments?.filter((f) => f.parentId === mail.id).map((f) => [f.name, f.stage])).toEqual([
      ['terms.pdf', 'indexed'],
      ['report.docx', 'indexed'],
      ['notes.txt', 'indexed'],
    ]);
    const children = catalog().attachments.children(mail.id);
    expect(children.map((d) => [d.name, d.type, d.status, d.attachedTo])).toEqual([
      ['notes.txt', 'text', 'indexed', 'attached to Invoice 42 (invoice.eml)'],
      ['report.docx', 'docx', 'indexed', 'attached to Invoice 42 (invoice.eml)'],
      ['terms.pdf', 'pdf', 'indexed', 'attached to Invoice 42 (invoice.eml)'],
    ]);
    for (const child of children) expect(child.objectKey).toMatch(new RegExp(`^documents/${child.id}/1/`));
    expect(catalog().attachments.skipped(mail.id)).toEqual([
      { name: 'photo.png', reason: 'Images attached to a message are not read for text.' },
    ]);
    // The mail's own passage names its attachments; their text is theirs, not the mail's.
    const mailText = catalog()
      .listChunks(mail.id)
      .map((c) => c.text)
      .join('\n');
    expect(mailText).toContain(
      'Attachments: terms.pdf, report.docx, notes.txt, photo.png (not indexed: Images attached to a message are not read for text.)',
    );
    expect(mailText).not.toContain('lighthouse');
    expect(catalog().listChunks(byName('terms.pdf').id)[0]).toMatchObject({
      text: expect.stringContaining('The lighthouse keeper signs the ledger'),
      provenance: { page: 1 },
    });
  });

  it("links the mail's panel to its attachments and each attachment's panel to its mail", async () => {
    const mail = byName('invoice.eml');
    const detail = await call<LibraryDocumentDetail>('library.get', { id: mail.id });
    expect(detail.attachments).toEqual({
      documents: ['notes.txt', 'report.docx', 'terms.pdf'].map((name) => ({
        id: byName(name).id,
        name,
        status: 'indexed',
      })),
      notIndexed: [{ name: 'photo.png', reason: 'Images attached to a message are not read for text.' }],
    });
    expect(detail.parent).toBeUndefined();
    const child = await call<LibraryDocumentDetail>('library.get', { id: byName('terms.pdf').id });
    expect(child.parent).toEqual({ id: mail.id, name: 'invoice.eml', status: 'indexed' });
    expect(child.document).toMatchObject({ parentId: mail.id, attachedTo: 'attached to Invoice 42 (invoice.eml)' });
    expect(child.attachments).toBeUndefined();
  });

  it('gives each mail of an mbox its own attachments, named after the message they came with', () => {
    const archive = byName('archive.mbox');
    expect(
      catalog()
        .attachments.children(archive.id)
        .map((d) => [d.name, d.attachedTo]),
    ).toEqual([
      ['minutes.txt', 'attached to Minutes (archive.mbox)'],
      ['rota.md', 'attached to Rota (archive.mbox)'],
    ]);
    expect(byName('rota.md')).toMatchObject({ type: 'markdown', status: 'indexed' });
  });

  it('finds an attachment by its words and cites it by its name and its mail', async () => {
    const search = await call<SearchResult>('library.search', { query: 'lighthouse ledger', mode: 'keyword' });
    expect(search.passages[0]).toMatchObject({
      documentId: byName('terms.pdf').id,
      documentName: 'terms.pdf, attached to Invoice 42 (invoice.eml)',
    });
    const events: AskEvent[] = [];
    const asked = (await core.services.dispatcher.stream(
      'chat.ask',
      { question: 'Who signs the lighthouse ledger?' },
      ctx(),
      (e) => events.push(e as AskEvent),
    )) as Result<{ conversationId: string; message: Message }>;
    if (!asked.ok) throw new Error(asked.error.message);
    const cite = asked.value.message.citations.find((c) => c.documentId === byName('terms.pdf').id);
    expect(cite).toMatchObject({ documentName: 'terms.pdf, attached to Invoice 42 (invoice.eml)', page: 1 });
  });

  it("a revised mbox (a new mail appended on disk) replaces the mbox's attachments with the new version's", async () => {
    const archive = byName('archive.mbox');
    const old = catalog()
      .attachments.children(archive.id)
      .map((d) => d.id);
    const grown = join(dir.path, 'archive-2.mbox');
    const extra = makeEml({
      from: 'a@x.org',
      to: 'b@x.org',
      subject: 'Tide table',
      date: DATE,
      body: 'New times.',
      attachments: [{ name: 'tides.txt', type: 'text/plain', data: Buffer.from('High water at the osprey hour.') }],
    });
    await writeFile(grown, Buffer.concat([mbox(), makeMbox([extra])]));
    const result = await core.services.living.reviser.revise(archive.id, grown, 'disk', {
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ kind: 'revised', version: 2 });
    for (const id of old) expect(catalog().getDocument(id)).toBeUndefined();
    await waitFor(
      'the new attachments to be indexed',
      () =>
        catalog()
          .attachments.children(archive.id)
          .every((d) => d.status === 'indexed') && catalog().attachments.children(archive.id).length === 3,
    );
    expect(
      catalog()
        .attachments.children(archive.id)
        .map((d) => [d.name, d.attachedTo]),
    ).toEqual([
      ['minutes.txt', 'attached to Minutes (archive.mbox)'],
      ['rota.md', 'attached to Rota (archive.mbox)'],
      ['tides.txt', 'attached to Tide table (archive.mbox)'],
    ]);
  });

  it('deletes the attachments with their mail (rows, passages, vectors, originals, waiting files), and a re-ingest brings them back', async () => {
    const mail = byName('invoice.eml');
    const children = catalog().attachments.children(mail.id);
    const childJobs = catalog()
      .jobs.list()
      .filter((j) => j.input.kind === 'staging' && j.input.parentId === mail.id);
    expect(childJobs).toHaveLength(3);
    await core.services.library.delete(mail.id);
    for (const child of children) {
      expect(catalog().getDocument(child.id)).toBeUndefined();
      expect(catalog().chunkCount(child.id)).toBe(0);
    }
    for (const job of childJobs) {
      expect(catalog().jobs.get(job.id)).toBeUndefined();
      if (job.input.kind === 'staging') expect(existsSync(job.input.handle)).toBe(false);
    }
    expect(catalog().attachments.skipped(mail.id)).toEqual([]);
    const search = await call<SearchResult>('library.search', { query: 'lighthouse ledger', mode: 'keyword' });
    expect(search.passages.filter((p) => p.documentName.startsWith('terms.pdf'))).toEqual([]);
    const objects = await core.services.storage.requireObjects();
    const keys = (await objects.list()).map((o) => o.key).sort();
    expect(keys).toEqual(
      catalog()
        .listDocuments()
        .flatMap((d) => (d.objectKey ? [d.objectKey] : []))
        .sort(),
    );
    const [key] = catalog().indexes.list();
    const store = core.services.library.indexFor(key!);
    expect(await store.count()).toBe(catalog().chunkCount());

    const again = await core.services.library.ingest({ paths: [join(dir.path, 'invoice.eml')] });
    expect(again.files[0]).toMatchObject({ stage: 'indexed' });
    const back = catalog().attachments.children(byName('invoice.eml').id);
    expect(back.map((d) => [d.name, d.status])).toEqual([
      ['notes.txt', 'indexed'],
      ['report.docx', 'indexed'],
      ['terms.pdf', 'indexed'],
    ]);
  });
});
