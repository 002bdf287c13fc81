import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../../../electron/core/library/parse/parseFile';
import { makeDocx } from '../../../../fixtures/corpus/corpusFiles';
import { makeEml, makeMbox, makeZip } from '../../../../fixtures/corpus/formatFiles';
import { tempDir } from '../../../../helpers/tempCore';

const MAX = 50 * 1024 * 1024;
const DATE = 'Mon, 1 Jan 2024 10:00:00 +0000';
let dir: Awaited<ReturnType<typeof tempDir>>;

async function parseAs(bytes: Buffer, attachmentsAsDocuments = true) {
  const path = join(dir.path, `${String(Math.random()).slice(2)}-unnamed.bin`);
  await writeFile(path, bytes);
  return parseFile(path, { maxBytes: MAX, timeoutMs: 20_000, attachmentsAsDocuments });
}

function mail(subject: string, attachments: { name: string; type: string; data: Buffer; headers?: string }[]) {
  return makeEml({ from: 'a@x.org', to: 'b@x.org', subject, date: DATE, body: `About ${subject}.`, attachments });
}

beforeAll(async () => {
  dir = await tempDir('hearth-email-parts-');
});
afterAll(() => dir.remove());

describe('an email asked for its attachments as documents of their own', () => {
  it('hands back readable attachments whole and lists the others with the reason, outside its own passages', async () => {
    const docx = await makeDocx();
    const doc = await parseAs(
      mail('Invoice 42', [
        { name: 'report.docx', type: 'application/octet-stream', data: docx },
        { name: 'terms.md', type: 'text/markdown', data: Buffer.from('# Terms\n\nNet thirty days.\n') },
        { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]) },
        { name: 'setup.exe', type: 'application/octet-stream', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00') },
      ]),
    );
    const terms = Buffer.from('# Terms\n\nNet thirty days.\n');
    expect(doc.attachments?.map((a) => [a.name, a.subject, Buffer.from(a.bytes).toString('base64')])).toEqual([
      ['report.docx', 'Invoice 42', docx.toString('base64')],
      ['terms.md', 'Invoice 42', terms.toString('base64')],
    ]);
    expect(doc.skippedAttachments).toEqual([
      { name: 'photo.jpg', reason: 'Images attached to a message are not read for text.' },
      { name: 'setup.exe', reason: 'This file contains binary data, not text, so Hearth cannot read it.' },
    ]);
    // One passage: the mail itself, naming every attachment; the attachments' text is not in it.
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]!.text).toContain('Attachments: report.docx, terms.md, photo.jpg (not indexed: Images');
    expect(doc.sections[0]!.text).not.toContain('Net thirty days');
  });

  it('names each attachment of an mbox after the message it came with', async () => {
    const doc = await parseAs(
      makeMbox([
        mail('Rota', [{ name: 'rota.txt', type: 'text/plain', data: Buffer.from('Tuesdays: the ferryman.') }]),
        mail('Minutes', [{ name: 'minutes.txt', type: 'text/plain', data: Buffer.from('Roof approved.') }]),
      ]),
    );
    expect(doc.attachments?.map((a) => [a.name, a.subject])).toEqual([
      ['rota.txt', 'Rota'],
      ['minutes.txt', 'Minutes'],
    ]);
  });

  it('keeps attachments inline for a mail inside an archive, and when not asked', async () => {
    const eml = mail('Invoice 42', [
      { name: 'terms.md', type: 'text/markdown', data: Buffer.from('# Terms\n\nNet.\n') },
    ]);
    const zipped = await parseAs(makeZip([{ name: 'inbox/invoice.eml', data: eml }]));
    expect(zipped.attachments).toBeUndefined();
    expect(zipped.sections.map((s) => s.text)).toContain('Terms\n\nNet.');
    const plain = await parseAs(eml, false);
    expect(plain.attachments).toBeUndefined();
    expect(plain.sections).toHaveLength(2);
  });

  it('still fails the whole file when an attachment claims 1 GB', async () => {
    const huge = mail('Huge', [
      {
        name: 'big.bin',
        type: 'application/octet-stream',
        data: Buffer.from('small'),
        headers: 'Content-Disposition: attachment; filename="big.bin"; size=1073741824',
      },
    ]);
    await expect(parseAs(huge)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/^This email's attachment “big\.bin” is 1\.1 GB, over the 52\.4 MB limit\.$/),
    });
  });

  it('indexes at most 200 attachments of one file and lists the rest as over the limit', async () => {
    const many = Array.from({ length: 203 }, (_, k) => ({
      name: `note-${String(k)}.txt`,
      type: 'text/plain',
      data: Buffer.from(`Note ${String(k)}.`),
    }));
    const doc = await parseAs(mail('Many', many));
    expect(doc.attachments).toHaveLength(200);
    expect(doc.skippedAttachments).toEqual(
      ['note-200.txt', 'note-201.txt', 'note-202.txt'].map((name) => ({
        name,
        reason: 'Hearth indexes at most 200 attachments of one email file.',
      })),
    );
  });
});
