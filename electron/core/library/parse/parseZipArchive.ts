import { posix } from 'node:path';
import { HearthError, isHearthError } from '../../../shared/errors';
import {
  boundError,
  boundsLeft,
  inPart,
  isBoundError,
  nestSections,
  type ParseContext,
  type ParseInner,
} from './ParseContext';
import type { ParsedDocument, ParsedSection } from './ParsedDocument';
import { readZip } from './readZip';

/** Entries that are never documents: macOS resource forks and Finder or Windows folder metadata. */
function isJunk(name: string): boolean {
  const base = posix.basename(name);
  return name.startsWith('__MACOSX/') || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini';
}

/** What the archive says about the entries it could not read, so skipping them is not silent. */
function skippedNote(skipped: { name: string; why: string }[]): ParsedSection | null {
  if (skipped.length === 0) return null;
  const lines = skipped.slice(0, 50).map((s) => `- ${s.name}: ${s.why}`);
  if (skipped.length > 50) lines.push(`- and ${String(skipped.length - 50)} more`);
  return {
    text: `Entries Hearth could not read:\n${lines.join('\n')}`,
    provenance: { headingPath: ['Entries not read'] },
  };
}

/**
 * A .zip of documents: every entry is parsed by its own sniffed type one level deeper, under the archive's zip-bomb
 * bounds (entry count, inflated size, ratio) and one shared budget, so archives inside archives cannot multiply
 * it; deeper than `maxDepth` the whole archive is refused. Each entry's passages sit under its path. An entry that
 * cannot be read (an image, a damaged file) is listed, not fatal; a bound being hit fails the archive.
 */
export async function parseZipArchive(buf: Buffer, ctx: ParseContext, inner: ParseInner): Promise<ParsedDocument> {
  const maxDepth = ctx.zipBounds.maxDepth ?? 3;
  if (ctx.depth >= maxDepth) {
    throw boundError(
      `This archive holds archives nested more than ${String(maxDepth)} deep, so Hearth did not open it.`,
    );
  }
  const zip = readZip(buf, boundsLeft(ctx), 'ZIP archive');
  ctx.budget.bytesLeft -= zip.inflated;
  const sections: ParsedSection[] = [];
  const skipped: { name: string; why: string }[] = [];
  for (const name of zip.names) {
    if (ctx.signal.aborted) throw new HearthError('CANCELLED', 'Reading this file was cancelled.');
    const bytes = zip.bytes(name);
    if (isJunk(name) || bytes === undefined) continue;
    if (bytes.length === 0) {
      skipped.push({ name, why: 'The file is empty.' });
      continue;
    }
    try {
      const doc = await inner(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), posix.basename(name));
      sections.push(...nestSections(doc, [name]));
    } catch (err) {
      if (isBoundError(err)) throw inPart(name, err);
      if (isHearthError(err) && err.code === 'CANCELLED') throw err;
      skipped.push({ name, why: isHearthError(err) ? err.message : 'Hearth could not read it.' });
    }
  }
  const note = skippedNote(skipped);
  if (note) sections.push(note);
  if (sections.length === 0 || sections.every((s) => s === note)) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      skipped.length === 0
        ? 'This ZIP archive holds no files.'
        : `This ZIP archive holds no documents Hearth can read (${skipped
            .map((s) => s.name)
            .slice(0, 5)
            .join(', ')}).`,
    );
  }
  return { type: 'zip', sections };
}
