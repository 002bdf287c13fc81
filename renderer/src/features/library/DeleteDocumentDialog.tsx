import type { LibraryDocument } from '@shared/librarySchemas';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { formatBytes } from '@shared/formatBytes';

interface DeleteDocumentDialogProps {
  document: LibraryDocument;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Deleting a document takes everything Hearth keeps of it; nothing on the person's own disk is touched. */
export function DeleteDocumentDialog({ document, onConfirm, onCancel }: DeleteDocumentDialogProps) {
  const passages = document.chunks === 1 ? '1 passage' : `${String(document.chunks)} passages`;
  return (
    <ConfirmDialog
      title={`Delete ${document.name}?`}
      confirmLabel="Delete"
      destructive
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        Its original ({formatBytes(document.size)}), its index entries and its {passages} are removed from Hearth, so
        chats can no longer find it. This cannot be undone.
      </p>
      {document.sourcePath && <p>The file on this computer stays where it is.</p>}
    </ConfirmDialog>
  );
}
