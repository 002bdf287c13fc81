import { useEffect, useRef, useState } from 'react';
import type { LibraryDocument } from '@shared/librarySchemas';
import { Callout } from '@/ui/Callout';
import { ErrorCallout } from '@/ui/ErrorCallout';
import { ScreenHeader } from '@/ui/ScreenHeader';
import { CitationViewer } from '@/features/chat/viewer/CitationViewer';
import { useLibraryStore } from './libraryStores';
import { useLivingLibraryStore } from './useLivingLibraryStore';
import { AddFilesButton } from './AddFilesButton';
import { BatchPanel } from './BatchPanel';
import { CollectionsCard } from './CollectionsCard';
import { DeleteDocumentDialog } from './DeleteDocumentDialog';
import { DocumentDetail } from './DocumentDetail';
import { DocumentsCard } from './DocumentsCard';
import { PassageSearch } from './PassageSearch';
import { StorageCard } from './StorageCard';
import { WatchedFoldersCard } from './WatchedFoldersCard';

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
        <PassageSearch />
        <BatchPanel />
        <DocumentsCard summaryRef={summaryRef} onDelete={setDeleting} />
        {detailOpen && <DocumentDetail onDelete={setDeleting} />}
        <CollectionsCard />
        <WatchedFoldersCard />
        <StorageCard />
      </div>
      <CitationViewer />
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
