import { constants } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { HearthError, isHearthError } from '../../../shared/errors';
import { admitFile } from './admitFile';
import { DEFAULT_ZIP_BOUNDS, type ZipBounds } from './checkZipBounds';
import { fileReadError } from './fileReadError';
import { DEFAULT_MAX_OCR_PAGES, type OcrOptions, type OcrProgress } from './ocr/ocrOptions';
import { parseBytes } from './parseBytes';
import type { ParsedDocument } from './ParsedDocument';

export interface ParseFileOptions {
  /** Files larger than this (apparent size, so sparse files count in full) fail with FILE_TOO_LARGE. */
  maxBytes: number;
  /** Aborts the parse with CANCELLED. */
  signal?: AbortSignal;
  /** A parser still running after this long fails with TIMEOUT (default 60 s). */
  timeoutMs?: number;
  /** Zip-bomb bounds for ZIP-based documents, archives and what they hold (one budget per file). */
  zipBounds?: ZipBounds;
  /** The name used for type detection and messages; defaults to the path's base name (staging files have none). */
  name?: string;
  /** Text recognition for images and scanned PDF pages (English, 1,000 pages a file, unless set). */
  ocr?: OcrOptions;
  /** Each page recognition starts ("recognising page 3 of 40"); each also re-arms the time limit. */
  onProgress?: (progress: OcrProgress) => void;
  /** An email returns its readable attachments whole (`ParsedDocument.attachments`) rather than parsing them in. */
  attachmentsAsDocuments?: boolean;
}

/** Reads at most `maxBytes`; a file that grew past the limit since stat still fails cleanly. */
async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO after lstat, open must not wait for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fileReadError(err);
  }
  try {
    const s = await handle.stat();
    admitFile(s, maxBytes);
    const buf = Buffer.alloc(s.size);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled === 0) throw new HearthError('UNSUPPORTED_FILE', 'The file is empty.');
    return buf.subarray(0, filled);
  } catch (err) {
    throw isHearthError(err) ? err : fileReadError(err);
  } finally {
    await handle.close();
  }
}

/**
 * Runs a parser under a deadline and the caller's signal, so one slow or hostile file cannot hang the pipeline.
 * `rearm` restarts the deadline: OCR calls it per page, so each page (not the whole scan) gets the time limit.
 */
async function bounded<T>(
  run: (signal: AbortSignal, rearm: () => void) => Promise<T>,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let arm: () => void = () => undefined;
  const stop = new Promise<never>((_, reject) => {
    arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        controller.abort();
        reject(new HearthError('TIMEOUT', `Reading this file took longer than ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
    };
    arm();
    onAbort = () => {
      controller.abort();
      reject(new HearthError('CANCELLED', 'Reading this file was cancelled.'));
    };
    if (outer?.aborted) onAbort();
    else outer?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([run(controller.signal, () => arm()), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) outer?.removeEventListener('abort', onAbort);
  }
}

/**
 * Reads and parses one untrusted file: only regular files (a symlink is followed only to a regular file), checked
 * against the size limit before any byte is read, then parsed by content type under a timeout. Every failure is a
 * HearthError with a message a person can act on.
 */
export async function parseFile(path: string, options: ParseFileOptions): Promise<ParsedDocument> {
  const name = options.name ?? basename(path);
  if (options.signal?.aborted) throw new HearthError('CANCELLED', 'Reading this file was cancelled.');
  try {
    const link = await lstat(path);
    admitFile(link.isSymbolicLink() ? await stat(path) : link, options.maxBytes);
  } catch (err) {
    throw isHearthError(err) ? err : fileReadError(err);
  }
  const bytes = await readBounded(path, options.maxBytes);
  try {
    return await bounded(
      (signal, rearm) => {
        const zipBounds = options.zipBounds ?? DEFAULT_ZIP_BOUNDS;
        const budget = { bytesLeft: zipBounds.maxInflatedBytes };
        const maxPages = options.ocr?.maxPages ?? DEFAULT_MAX_OCR_PAGES;
        const ocr = {
          languages: options.ocr?.languages ?? ['eng' as const],
          budget: { pagesLeft: maxPages, maxPages },
          signal,
          onPage: (progress: OcrProgress) => {
            rearm();
            options.onProgress?.(progress);
          },
        };
        const separate = options.attachmentsAsDocuments ? { attachmentsAsDocuments: true } : {};
        return parseBytes(bytes, name, {
          signal,
          zipBounds,
          maxBytes: options.maxBytes,
          depth: 0,
          budget,
          ocr,
          ...separate,
        });
      },
      options.timeoutMs ?? 60_000,
      options.signal,
    );
  } catch (err) {
    if (isHearthError(err)) throw err;
    throw new HearthError('INTERNAL', 'Hearth could not read this file because of an internal error.', undefined, {
      cause: err,
    });
  }
}
