import { simpleParser, type AddressObject, type Attachment, type HeaderValue } from 'mailparser';
import { HearthError, isHearthError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/formatBytes';
import { htmlToBlocks } from './htmlToBlocks';
import { boundError, inPart, isBoundError, nestSections, type ParseContext, type ParseInner } from './ParseContext';
import type { ParsedAttachment, ParsedDocument, ParsedSection, SkippedPart } from './ParsedDocument';
import { sniffType } from './sniffType';

/** Most messages read from one mbox. */
const MAX_MESSAGES = 20_000;
/** HTML bodies longer than this are not parsed for text (mailparser's own bound). */
const MAX_HTML_CHARS = 10 * 1024 * 1024;
/** Most attachments of one file (an mbox's mails together) that become documents of their own. */
const MAX_ATTACHED_DOCUMENTS = 200;

/** Attachments kept whole for documents of their own, and those left out, for the whole file. */
interface AttachmentSink {
  attachments: ParsedAttachment[];
  skipped: SkippedPart[];
}

/**
 * Whether an attachment can be a document of its own, by its content (as a file added on its own is sniffed):
 * the reason it cannot, or null. Images are listed, not recognised, as inside archives: OCR costs seconds a page.
 */
function whyNotIndexed(bytes: Buffer, name: string, sink: AttachmentSink): string | null {
  if (sink.attachments.length >= MAX_ATTACHED_DOCUMENTS) {
    return `Hearth indexes at most ${String(MAX_ATTACHED_DOCUMENTS)} attachments of one email file.`;
  }
  try {
    const type = sniffType(bytes, name);
    return type === 'image' ? 'Images attached to a message are not read for text.' : null;
  } catch (err) {
    return isHearthError(err) ? err.message : 'Hearth could not read it.';
  }
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (value === undefined) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/** The size an attachment's headers claim (a Content-Disposition `size` or a Content-Length), if any. */
function declaredSize(attachment: Attachment): number {
  const disposition = attachment.headers.get('content-disposition') as HeaderValue | undefined;
  const params: Record<string, string> =
    typeof disposition === 'object' && disposition !== null && 'params' in disposition
      ? (disposition.params as Record<string, string>)
      : {};
  const values = [params.size, attachment.headers.get('content-length')].map((v) => Number(v ?? 0));
  return Math.max(0, ...values.filter((v) => Number.isFinite(v)));
}

/** The messages of an mbox: split before each "From " line that opens the file or follows a blank line. */
function splitMbox(buf: Buffer): Buffer[] {
  const text = buf.toString('latin1');
  const starts: number[] = [];
  const separator = /(?:^|\n\r?\n)From [^\n]*\n/g;
  for (let m = separator.exec(text); m !== null; m = separator.exec(text)) {
    starts.push(m.index + m[0].length);
    if (starts.length > MAX_MESSAGES) break;
  }
  return starts.slice(0, MAX_MESSAGES).map((start, n) => {
    const end = n + 1 < starts.length ? text.lastIndexOf('\nFrom ', starts[n + 1]!) : text.length;
    // mboxrd quoting: one '>' was added before every "From " line inside a message.
    return Buffer.from(text.slice(start, end).replace(/^>(>*From )/gm, '$1'), 'latin1');
  });
}

/**
 * One message: a section with its headers and body under its subject, then each attachment parsed as its own
 * document one level deeper (a forwarded message included) under "Attachment: name". Attachments that cannot be
 * read are listed in the message's section; one whose headers claim more than the file size limit fails the file.
 */
async function messageSections(
  raw: Buffer,
  heading: (subject: string) => string,
  ctx: ParseContext,
  inner: ParseInner,
  sink: AttachmentSink | undefined,
): Promise<{ subject: string; sections: ParsedSection[] }> {
  const mail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: MAX_HTML_CHARS,
  });
  const subject = (mail.subject ?? '').trim() || '(no subject)';
  const path = [heading(subject)];
  const header = [
    ['From', addresses(mail.from)],
    ['To', addresses(mail.to)],
    ['Cc', addresses(mail.cc)],
    ['Date', mail.date ? mail.date.toISOString().replace('T', ' ').slice(0, 16) : ''],
    ['Subject', subject],
  ]
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k!}: ${v!}`);
  let body = (mail.text ?? '').trim();
  if (body === '' && typeof mail.html === 'string') {
    body = htmlToBlocks(mail.html)
      .blocks.map((b) => b.text)
      .join('\n');
  }
  const attached: ParsedSection[] = [];
  const notes: string[] = [];
  for (const attachment of mail.attachments) {
    const name = attachment.filename ?? `attachment ${String(notes.length + attached.length + 1)}`;
    const claimed = declaredSize(attachment);
    if (claimed > ctx.maxBytes || attachment.size > ctx.maxBytes) {
      throw new HearthError(
        'FILE_TOO_LARGE',
        `This email's attachment “${name}” is ${formatBytes(Math.max(claimed, attachment.size))}, over the ${formatBytes(ctx.maxBytes)} limit.`,
        { size: Math.max(claimed, attachment.size), maxBytes: ctx.maxBytes },
      );
    }
    ctx.budget.bytesLeft -= attachment.size;
    if (ctx.budget.bytesLeft < 0) {
      throw boundError(
        "This email's attachments hold far more data than a real message would, so Hearth did not open it.",
      );
    }
    if (attachment.related || attachment.content.length === 0) continue; // inline images of the HTML body
    if (sink) {
      const reason = whyNotIndexed(attachment.content, name, sink);
      if (reason === null) sink.attachments.push({ name, bytes: attachment.content, subject });
      else sink.skipped.push({ name, reason });
      notes.push(reason === null ? name : `${name} (not indexed: ${reason})`);
      continue;
    }
    try {
      const doc = await inner(attachment.content, name);
      const sections = nestSections(doc, [...path, `Attachment: ${name}`]);
      attached.push(...sections);
      notes.push(name);
    } catch (err) {
      if (isBoundError(err)) throw inPart(name, err);
      notes.push(`${name} (not read: ${isHearthError(err) ? err.message : 'Hearth could not read it.'})`);
    }
  }
  if (notes.length > 0) header.push(`Attachments: ${notes.join(', ')}`);
  const text = [header.join('\n'), body].filter(Boolean).join('\n\n');
  return { subject, sections: [{ text, provenance: { headingPath: path } }, ...attached] };
}

/**
 * Email: a single message (.eml) or an mbox of many. Each message's headers (From, To, Cc, Date, Subject) and body
 * (plain text, else the HTML's text) form one passage under its subject ("Message 3: subject" in an mbox); its
 * attachments follow as their own passages, parsed by type — or, with `ctx.attachmentsAsDocuments`, come back whole
 * (readable ones) or listed with the reason (the others) to be indexed as documents of their own. Parsed by mailparser; the file's zip-bomb budget also
 * bounds decoded attachments, and archives attached count one level deeper.
 */
export async function parseEmail(buf: Buffer, ctx: ParseContext, inner: ParseInner): Promise<ParsedDocument> {
  const maxDepth = ctx.zipBounds.maxDepth ?? 3;
  if (ctx.depth >= maxDepth) {
    throw boundError(
      `This message holds messages nested more than ${String(maxDepth)} deep, so Hearth did not open it.`,
    );
  }
  const isMbox = buf.subarray(0, 5).toString('latin1') === 'From ';
  const messages = isMbox ? splitMbox(buf) : [buf];
  const sections: ParsedSection[] = [];
  // Attachments become documents of their own only for the file itself, never for a mail inside an archive.
  const sink: AttachmentSink | undefined =
    ctx.attachmentsAsDocuments && ctx.depth === 0 ? { attachments: [], skipped: [] } : undefined;
  let title: string | undefined;
  for (const [n, raw] of messages.entries()) {
    if (ctx.signal.aborted) throw new HearthError('CANCELLED', 'Reading this file was cancelled.');
    const heading = isMbox ? (s: string) => `Message ${String(n + 1)}: ${s}` : (s: string) => s;
    const message = await messageSections(raw, heading, ctx, inner, sink);
    title ??= message.subject;
    sections.push(...message.sections);
  }
  if (isMbox && messages.length > 1) title = undefined;
  const parts = sink ? { attachments: sink.attachments, skippedAttachments: sink.skipped } : {};
  return { type: 'email', ...(title === undefined ? {} : { title }), sections, ...parts };
}
