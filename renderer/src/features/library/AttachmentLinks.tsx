import type { DocumentDetail as Detail } from './createLibraryStore';
import { useLibraryStore } from './libraryStores';

/**
 * An email's attachments, each opening its own panel, and those not indexed with the reason; or, for an
 * attachment, the mail it came with. Links move the panel (focus follows to its heading), not the page.
 */
export function AttachmentLinks({ detail }: { detail: Detail }) {
  const open = useLibraryStore((s) => s.openDetail);
  const { parent, attachments } = detail;
  const go = (id: string) => () => void open(id);
  return (
    <>
      {parent && (
        <p className="library-detail__parent" data-testid="library-detail-parent">
          Its email:{' '}
          <button type="button" className="link-button" onClick={go(parent.id)} data-testid="library-parent-link">
            {parent.name}
          </button>
        </p>
      )}
      {attachments && (
        <>
          <h3 className="subheading">Attachments</h3>
          <ul className="library-detail__attachments" data-testid="library-detail-attachments">
            {attachments.documents.map((child) => (
              <li key={child.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={go(child.id)}
                  data-testid="library-attachment-link"
                >
                  {child.name}
                </button>
                {child.status !== 'indexed' && <span className="muted"> — {child.status}</span>}
              </li>
            ))}
            {attachments.notIndexed.map((skipped, n) => (
              <li key={`skipped-${String(n)}`} data-testid="library-attachment-not-indexed">
                {skipped.name} <span className="muted">— not indexed: {skipped.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
