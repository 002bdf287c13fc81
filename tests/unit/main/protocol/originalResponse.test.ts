import { describe, expect, it, vi } from 'vitest';
import { originalResponse } from '../../../../electron/main/protocol/originalResponse';

const pdf = new TextEncoder().encode('%PDF-1.7 …');

describe('originalResponse', () => {
  const openOriginal = vi.fn(async (documentId: string) =>
    documentId === 'doc1' ? { body: pdf, contentType: 'application/pdf', size: pdf.byteLength } : null,
  );

  it('serves an original with its type and size, as data that can never run script', async () => {
    const response = await originalResponse(new Request('hearth://original/doc1'), { openOriginal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(pdf.byteLength));
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdf);
  });
  it('answers HEAD without a body', async () => {
    const response = await originalResponse(new Request('hearth://original/doc1', { method: 'HEAD' }), {
      openOriginal,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
  it('answers 404 for an unknown document, 400 for a malformed URL, 405 for writes', async () => {
    expect((await originalResponse(new Request('hearth://original/nope'), { openOriginal })).status).toBe(404);
    expect((await originalResponse(new Request('hearth://original/a/b'), { openOriginal })).status).toBe(400);
    expect((await originalResponse(new Request('hearth://other/doc1'), { openOriginal })).status).toBe(400);
    const post = new Request('hearth://original/doc1', { method: 'POST', body: 'x' });
    expect((await originalResponse(post, { openOriginal })).status).toBe(405);
  });
  it('never passes a malformed id to the lookup', async () => {
    openOriginal.mockClear();
    await originalResponse(new Request('hearth://original/..%2Fcatalog.db'), { openOriginal });
    expect(openOriginal).not.toHaveBeenCalled();
  });
  it('answers 500 when reading fails', async () => {
    const failing = { openOriginal: async () => Promise.reject(new Error('disk')) };
    expect((await originalResponse(new Request('hearth://original/doc1'), failing)).status).toBe(500);
  });
});
