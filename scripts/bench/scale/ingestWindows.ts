/** A document done, as the bench saw it: when (ms, any clock) and how many passages it made. */
export interface IndexedAt {
  at: number;
  passages: number;
}

/** One slice of the ingest: the documents from `fromDoc` up to (not including) `toDoc` of the corpus. */
export interface IngestWindow {
  fromDoc: number;
  toDoc: number;
  passages: number;
  /** Time the slice took, less any `paused` time inside it. */
  seconds: number;
  docsPerSecond: number;
  passagesPerSecond: number;
}

/**
 * Ingest rate in `windows` slices of equal document counts, in the order documents finished: does ingestion slow
 * down as the library grows? A slice starts when the one before it ended (the first at `startAt`); `paused` spans
 * (a killed core restarting) are taken out of the slices they fall in.
 */
export function ingestWindows(
  indexed: readonly IndexedAt[],
  options: { startAt: number; windows: number; paused?: readonly { from: number; to: number }[] },
): IngestWindow[] {
  if (options.windows < 1) throw new Error('ingestWindows: windows must be at least 1');
  const events = [...indexed].sort((a, b) => a.at - b.at);
  const windows: IngestWindow[] = [];
  let begin = options.startAt;
  let fromDoc = 0;
  for (let w = 1; w <= options.windows; w++) {
    const toDoc = Math.round((w * events.length) / options.windows);
    if (toDoc <= fromDoc) continue;
    const slice = events.slice(fromDoc, toDoc);
    const end = slice[slice.length - 1]!.at;
    const paused = (options.paused ?? []).reduce(
      (ms, p) => ms + Math.max(0, Math.min(end, p.to) - Math.max(begin, p.from)),
      0,
    );
    const seconds = Math.max(0, end - begin - paused) / 1000;
    const passages = slice.reduce((n, e) => n + e.passages, 0);
    windows.push({
      fromDoc,
      toDoc,
      passages,
      seconds,
      docsPerSecond: seconds > 0 ? slice.length / seconds : Number.NaN,
      passagesPerSecond: seconds > 0 ? passages / seconds : Number.NaN,
    });
    begin = end;
    fromDoc = toDoc;
  }
  return windows;
}
