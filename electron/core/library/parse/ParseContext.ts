import { HearthError } from '../../../shared/errors';
import type { ZipBounds } from './checkZipBounds';
import type { OcrRun } from './ocr/ocrOptions';
import type { ParsedDocument, ParsedSection } from './ParsedDocument';

/** What one file's parse shares with the documents inside it (archive entries, email attachments). */
export interface ParseContext {
  signal: AbortSignal;
  zipBounds: ZipBounds;
  /** The file size limit; a part that declares more is refused the same way. */
  maxBytes: number;
  /** 0 for the file itself, +1 for each archive or message it sits in. */
  depth: number;
  /** Bytes left to inflate or decode for this file and everything inside it (one zip-bomb budget for all). */
  budget: { bytesLeft: number };
  /** Text recognition for images and scanned PDF pages; without it images are refused and scans skipped. */
  ocr?: OcrRun;
  /**
   * For the file itself (depth 0): an email hands its readable attachments back whole, to be indexed as documents
   * of their own, instead of parsing them into its own passages. Mails inside archives keep them inline.
   */
  attachmentsAsDocuments?: boolean;
}

/** Parses a document found inside another one, one level deeper, under the same budget. */
export type ParseInner = (bytes: Buffer, name: string) => Promise<ParsedDocument>;

/** The zip-bomb bounds left for the next archive read under this context. */
export function boundsLeft(ctx: ParseContext): ZipBounds {
  return { ...ctx.zipBounds, maxInflatedBytes: Math.max(0, ctx.budget.bytesLeft) };
}

/** Marks an error as a bound being hit, which fails the whole file, not just the part of it that hit it. */
export function boundError(message: string): HearthError {
  return new HearthError('UNSUPPORTED_FILE', message, { bound: true });
}

export function isBoundError(err: unknown): err is HearthError {
  return err instanceof HearthError && (err.details?.bound === true || err.code === 'FILE_TOO_LARGE');
}

/**
 * A part's error as the whole file's: "In “inner.zip”: This ZIP archive …", so the person knows where it came from.
 */
export function inPart(part: string, err: HearthError): HearthError {
  return new HearthError(err.code, `In “${part}”: ${err.message}`, err.details, { cause: err });
}

/**
 * The sections of a document inside another, under `prefix` (the entry or attachment name): the inner place is
 * spelled into the heading path ("Page 3", "Slide 2", "Sales!A1:D9") and lines kept where it had them.
 */
export function nestSections(inner: ParsedDocument, prefix: string[]): ParsedSection[] {
  return inner.sections.map((section) => {
    const p = section.provenance;
    let headingPath: string[];
    if ('page' in p) headingPath = [...prefix, `Page ${String(p.page)}`];
    else if ('slide' in p) headingPath = [...prefix, `Slide ${String(p.slide)}`];
    else if ('sheet' in p) headingPath = [...prefix, `${p.sheet}!${p.cells}`];
    else if ('headingPath' in p) headingPath = [...prefix, ...p.headingPath];
    else headingPath = prefix;
    const lines = 'lineStart' in p && p.lineStart !== undefined ? { lineStart: p.lineStart, lineEnd: p.lineEnd } : {};
    return { text: section.text, provenance: { headingPath, ...lines } };
  });
}
