/** What the desktop shell shows about ingestion: nothing running, or a batch in progress. */
export type IngestionStatus = { kind: 'idle' } | { kind: 'indexing'; done: number; total: number };

export const IDLE: IngestionStatus = { kind: 'idle' };

/** The status line of the tray menu: "Idle", "Indexing 3 of 10 files". */
export function ingestionStatusLabel(status: IngestionStatus): string {
  if (status.kind === 'idle') return 'Idle';
  const done = Math.min(Math.max(0, status.done), status.total);
  return `Indexing ${done} of ${status.total} ${status.total === 1 ? 'file' : 'files'}`;
}
