/** A change to an object in the bucket, as the watcher reports it. */
export interface ObjectChange {
  type: 'added' | 'changed' | 'removed';
  key: string;
  /** The new ETag; for 'removed', the last one seen (null if never seen). */
  etag: string | null;
}

/** What polling remembers of an object between two listings. */
export interface ListingEntry {
  etag: string;
  size: number;
  lastModified: number;
}

/**
 * Changes between two listings. An object counts as changed when its ETag, size or modification time differs: some
 * servers keep the ETag of a re-upload with identical bytes, and that is not a change worth re-embedding, but a
 * different time with the same bytes is cheap to report and the consumer compares hashes anyway.
 */
export function diffListings(previous: Map<string, ListingEntry>, next: Map<string, ListingEntry>): ObjectChange[] {
  const changes: ObjectChange[] = [];
  for (const [key, entry] of next) {
    const before = previous.get(key);
    if (!before) changes.push({ type: 'added', key, etag: entry.etag });
    else if (before.etag !== entry.etag || before.size !== entry.size || before.lastModified !== entry.lastModified) {
      changes.push({ type: 'changed', key, etag: entry.etag });
    }
  }
  for (const [key, entry] of previous) {
    if (!next.has(key)) changes.push({ type: 'removed', key, etag: entry.etag });
  }
  return changes;
}

/** A MinIO bucket-notification record (the S3 event format), as far as the watcher reads it. */
export interface NotificationRecord {
  eventName?: string;
  s3?: { object?: { key?: string; eTag?: string } };
}

/**
 * Translates a notification record. Keys arrive URL-encoded with `+` for spaces (the S3 event format). ObjectCreated
 * is 'added' or 'changed' depending on whether the key was known; `known` is updated.
 */
export function notificationToChange(record: NotificationRecord, known: Map<string, string>): ObjectChange | null {
  const rawKey = record.s3?.object?.key;
  const eventName = record.eventName ?? '';
  if (!rawKey) return null;
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    key = rawKey;
  }
  if (eventName.startsWith('s3:ObjectCreated:')) {
    const etag = record.s3?.object?.eTag ?? '';
    const type = known.has(key) ? 'changed' : 'added';
    known.set(key, etag);
    return { type, key, etag };
  }
  if (eventName.startsWith('s3:ObjectRemoved:')) {
    const etag = known.get(key) ?? null;
    known.delete(key);
    return { type: 'removed', key, etag };
  }
  return null;
}
