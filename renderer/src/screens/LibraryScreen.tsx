import { useEffect, useRef, useState } from 'react';
import type { LibraryDocument } from '../../../electron/shared/librarySchemas';
import { Callout } from '../components/Callout';
import { ErrorCallout } from '../components/ErrorCallout';
import { ScreenHeader } from '../components/ScreenHeader';
import { useLibraryStore } from '../store/libraryStores';
import { useLivingLibraryStore } from '../store/useLivingLibraryStore';
import { AddFilesButton } from './library/AddFilesButton';
import { BatchPanel } from './library/BatchPanel';
import { CollectionsCard } from './library/CollectionsCard';
import { DeleteDocumentDialog } from './library/DeleteDocumentDialog';
import { DocumentDetail } from './library/DocumentDetail';
import { DocumentsCard } from './library/DocumentsCard';
import { StorageCard } from './library/StorageCard';
import { WatchedFoldersCard } from './library/WatchedFoldersCard';

export function LibraryScreen() {
  const blocker = useLibraryStore((s) => s.list?.blocker ?? null);
  const loadError = useLibraryStore((s) => s.loadError);
  const detailOpen = useLibraryStore((s) => s.detail !== null);
  const remove = useLibraryStore((s) => s.remove);
  const [deleting, setDeleting] = useState<LibraryDocument | null>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);

  // Fresh on every visit: the blocker depends on models, which have no event of their own.
  useEffect(() => {
    void useLibraryStore.getState().load();
    void useLivingLibraryStore.getState().load();
  }, []);

  const confirmDelete = async (document: LibraryDocument) => {
    setDeleting(null);
    // The row (and the button that opened the dialog) is gone: focus goes to the list's summary.
    if (await remove(document)) summaryRef.current?.focus();
  };

  return (
    <>
      <ScreenHeader
        title="Library"
        lead="The documents Hearth searches when it answers. Drop files or folders anywhere in this window to add them."
        aside={<AddFilesButton disabled={blocker !== null} />}
      />
      {blocker && (
        <Callout tone="warning" title="Documents cannot be added yet" testId="library-blocker">
          <p>{blocker}</p>
          <p>
            <a href="#/models" data-testid="library-blocker-link">
              Open Models
            </a>
          </p>
        </Callout>
      )}
      {loadError && <ErrorCallout title="Could not load the library" error={loadError} testId="library-error" />}
      <div className="library">
        <BatchPanel />
        <DocumentsCard summaryRef={summaryRef} onDelete={setDeleting} />
        {detailOpen && <DocumentDetail onDelete={setDeleting} />}
        <CollectionsCard />
        <WatchedFoldersCard />
        <StorageCard />
      </div>
      {deleting && (
        <DeleteDocumentDialog
          document={deleting}
          onCancel={() => {
            setDeleting(null);
          }}
          onConfirm={() => void confirmDelete(deleting)}
        />
      )}
    </>
  );
}
