import { describe, expect, it } from 'vitest';
import { diffListings, notificationToChange, type ListingEntry } from '../../../../electron/core/objects/diffListings';

const entry = (etag: string, size = 1, lastModified = 1000): ListingEntry => ({ etag, size, lastModified });

describe('diffListings', () => {
  it('reports added, changed (ETag, size or time) and removed objects; unchanged ones not at all', () => {
    const before = new Map([
      ['same', entry('a')],
      ['new-etag', entry('b')],
      ['new-size', entry('c', 1)],
      ['new-time', entry('d', 1, 1000)],
      ['gone', entry('e')],
    ]);
    const after = new Map([
      ['same', entry('a')],
      ['new-etag', entry('b2')],
      ['new-size', entry('c', 2)],
      ['new-time', entry('d', 1, 2000)],
      ['fresh', entry('f')],
    ]);
    expect(diffListings(before, after)).toEqual([
      { type: 'changed', key: 'new-etag', etag: 'b2' },
      { type: 'changed', key: 'new-size', etag: 'c' },
      { type: 'changed', key: 'new-time', etag: 'd' },
      { type: 'added', key: 'fresh', etag: 'f' },
      { type: 'removed', key: 'gone', etag: 'e' },
    ]);
  });

  it('reports nothing between identical listings', () => {
    const listing = new Map([['k', entry('x')]]);
    expect(diffListings(listing, new Map(listing))).toEqual([]);
  });
});

describe('notificationToChange', () => {
  it('decodes S3 event keys (URL-encoded, + for space) and tells added from changed', () => {
    const known = new Map<string, string>();
    const created = (key: string, eTag: string) => ({
      eventName: 's3:ObjectCreated:Put',
      s3: { object: { key, eTag } },
    });
    expect(notificationToChange(created('docs/a+b%2Bc.pdf', 'e1'), known)).toEqual({
      type: 'added',
      key: 'docs/a b+c.pdf',
      etag: 'e1',
    });
    expect(notificationToChange(created('docs/a+b%2Bc.pdf', 'e2'), known)).toEqual({
      type: 'changed',
      key: 'docs/a b+c.pdf',
      etag: 'e2',
    });
    expect(
      notificationToChange(
        { eventName: 's3:ObjectRemoved:Delete', s3: { object: { key: 'docs/a+b%2Bc.pdf' } } },
        known,
      ),
    ).toEqual({ type: 'removed', key: 'docs/a b+c.pdf', etag: 'e2' });
    expect(known.size).toBe(0);
  });

  it('ignores records without a key or with other events', () => {
    const known = new Map<string, string>();
    expect(notificationToChange({ eventName: 's3:ObjectCreated:Put' }, known)).toBeNull();
    expect(
      notificationToChange({ eventName: 's3:ObjectAccessed:Get', s3: { object: { key: 'k' } } }, known),
    ).toBeNull();
  });
});
