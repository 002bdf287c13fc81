import type { LibraryDocument } from '@shared/librarySchemas';
import { documentStatus } from './fileStatus';
import { useIngestStore } from './libraryStores';

/**
 * A document's status as a badge, through the ingest panel's state machine: while this client follows the
 * document's job, its live step shows here too, so the table never says one thing and the panel another.
 */
export function DocumentStatusBadge({ document: d, testId }: { document: LibraryDocument; testId?: string }) {
  // A job's id is its document's; only this badge re-renders on that job's progress.
  const job = useIngestStore((s) => s.rows[d.id]);
  const status = documentStatus(d, job);
  return (
    <span className={`badge badge--${status.tone}`} data-testid={testId}>
      {status.label}
    </span>
  );
}
