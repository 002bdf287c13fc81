import { describe, expect, it } from 'vitest';
import { originalUrl, parseOriginalUrl } from '../../../electron/shared/originalUrl';

const id = '3f2b8c1e-9a4d-4c6b-8f0e-2d1a5b7c9e01';

describe('parseOriginalUrl', () => {
  it('reads the document id of hearth://original/<id>', () => {
    expect(parseOriginalUrl(`hearth://original/${id}`)).toEqual({ ok: true, documentId: id });
  });
  it('ignores the viewer’s query and fragment', () => {
    expect(parseOriginalUrl(`hearth://original/${id}#page=3`)).toEqual({ ok: true, documentId: id });
    expect(parseOriginalUrl(`hearth://original/${id}?download=1`)).toEqual({ ok: true, documentId: id });
  });
  it('accepts the host in any case (Chromium lowercases standard-scheme hosts anyway)', () => {
    expect(parseOriginalUrl(`hearth://ORIGINAL/${id}`)).toEqual({ ok: true, documentId: id });
  });
  it.each([
    ['https://original/abc', 'not a hearth'],
    ['hearth://thumbnail/abc', 'unknown resource'],
    ['hearth://original:8080/abc', 'unexpected authority'],
    ['hearth://user@original/abc', 'unexpected authority'],
    ['hearth://original/', 'not a document id'],
    ['hearth://original/a/b', 'not a document id'],
    ['hearth://original/..%2F..%2Fetc%2Fpasswd', 'not a document id'],
    ['hearth://original/%2e%2e', 'not a document id'],
    ['hearth://original/../catalog.db', 'not a document id'],
    ['hearth://original/-leading-dash', 'not a document id'],
    [`hearth://original/${'a'.repeat(200)}`, 'not a document id'],
    ['not a url', 'not a URL'],
  ])('refuses %s', (url, reason) => {
    const parsed = parseOriginalUrl(url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('originalUrl', () => {
  it('points the desktop at hearth://original/<id> and a browser at the headless route', () => {
    expect(originalUrl(id, 'desktop')).toBe(`hearth://original/${id}`);
    expect(originalUrl(id, 'headless')).toBe(`/api/originals/${id}`);
  });
  it('builds what parseOriginalUrl reads back', () => {
    expect(parseOriginalUrl(originalUrl(id, 'desktop'))).toEqual({ ok: true, documentId: id });
  });
  it('encodes an id that is not a plain catalogue id, so it cannot add path segments', () => {
    expect(originalUrl('a/../b', 'headless')).toBe('/api/originals/a%2F..%2Fb');
    expect(parseOriginalUrl(originalUrl('a/../b', 'desktop')).ok).toBe(false);
  });
});
