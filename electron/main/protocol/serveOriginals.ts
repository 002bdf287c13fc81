import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import type { ShellLibrary } from '../../core/Core';
import { originalContentType } from '../../core/library/originalContentType';
import { originalResponse, type OriginalFile } from './originalResponse';
import { HEARTH_SCHEME } from '../../shared/originalUrl';

/** The part of the core's library that serves originals. */
export type OriginalsLibrary = Pick<ShellLibrary, 'getDocument' | 'openOriginal'>;

/** Bytes out: answers `hearth://original/<documentId>` for the viewer (ARCHITECTURE.md). Call after `ready`. */
export function serveOriginals(protocol: Pick<Protocol, 'handle'>, library: OriginalsLibrary): void {
  const openOriginal = originalOpener(library);
  protocol.handle(HEARTH_SCHEME, (request) => originalResponse(request, { openOriginal }));
}

/**
 * An original as the protocol handler serves it, or null for a document that is unknown or has no original kept
 * (nothing to serve, a 404 rather than the library's error).
 */
export function originalOpener(library: OriginalsLibrary): (documentId: string) => Promise<OriginalFile | null> {
  return async (documentId) => {
    const doc = library.getDocument(documentId);
    if (!doc?.objectKey) return null;
    const original = await library.openOriginal(documentId);
    return {
      body: Readable.toWeb(Readable.from(original.stream)) as ReadableStream<Uint8Array<ArrayBuffer>>,
      contentType: originalContentType(original.type).contentType,
      size: original.size,
    };
  };
}
