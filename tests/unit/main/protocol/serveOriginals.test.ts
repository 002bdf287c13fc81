import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../../electron/core/library/catalog/catalogTypes';
import { originalResponse } from '../../../../electron/main/protocol/originalResponse';
import { originalOpener, serveOriginals } from '../../../../electron/main/protocol/serveOriginals';

const pdf = Buffer.from('%PDF-1.7 kept bytes');

/** A library with one kept PDF (`doc1`) and one document whose original was never stored (`failed1`). */
const library = {
  opened: [] as string[],
  getDocument(id: string) {
    const docs: Record<string, Partial<DocumentRecord>> = {
      doc1: { id: 'doc1', objectKey: 'originals/doc1' },
      failed1: { id: 'failed1', objectKey: null },
    };
    return docs[id] as DocumentRecord | undefined;
  },
  async openOriginal(id: string) {
    this.opened.push(id);
    return { stream: Readable.from([pdf]), size: pdf.byteLength, name: 'report.pdf', type: 'pdf' };
  },
};

describe('originalOpener', () => {
  it('streams a kept original with the MIME type of its sniffed type and its size', async () => {
    const file = await originalOpener(library)('doc1');
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.size).toBe(pdf.byteLength);
    expect(Buffer.from(await new Response(file?.body).arrayBuffer())).toEqual(pdf);
  });

  it('has nothing to serve for an unknown document or one without a kept original', async () => {
    library.opened.length = 0;
    expect(await originalOpener(library)('nope')).toBeNull();
    expect(await originalOpener(library)('failed1')).toBeNull();
    expect(library.opened).toEqual([]);
  });
});

describe('serveOriginals', () => {
  it('answers hearth://original/<id> with the bytes, and 404 for a document without an original', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    serveOriginals({ handle: (scheme, handler) => void handlers.set(scheme, handler as never) }, library);
    const handle = handlers.get('hearth');
    expect(handle).toBeDefined();
    const ok = await handle!(new Request('hearth://original/doc1'));
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(pdf);
    expect((await handle!(new Request('hearth://original/failed1'))).status).toBe(404);
    // The same handler as the pure one: headers and refusals are originalResponse's (tested there).
    const direct = await originalResponse(new Request('hearth://original/failed1'), {
      openOriginal: originalOpener(library),
    });
    expect(direct.status).toBe(404);
  });
});
