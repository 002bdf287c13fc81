import { useId, useState } from 'react';
import { ConfirmDialog } from '@/ui/ConfirmDialog';

interface EraseDialogProps {
  /** null: all library data. */
  collection: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Erasing cannot be undone: the person types the collection's name (or "erase") before the button does anything. */
export function EraseDialog({ collection, onCancel, onConfirm }: EraseDialogProps) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const expected = collection ?? 'erase';
  const matches = typed.trim() === expected;
  return (
    <ConfirmDialog
      title={collection ? `Erase the collection ${collection}?` : 'Erase all library data?'}
      confirmLabel={collection ? 'Erase collection' : 'Erase everything'}
      destructive
      onCancel={onCancel}
      onConfirm={() => {
        if (matches) onConfirm();
      }}
    >
      <p>
        {collection
          ? 'Its documents are deleted everywhere: originals, vectors, keyword index and catalogue.'
          : 'Every document is deleted: originals, vectors, keyword index and catalogue. Models and settings stay.'}{' '}
        This cannot be undone.
      </p>
      <label htmlFor={id}>
        Type <strong className="mono">{expected}</strong> to confirm
      </label>
      <input
        id={id}
        className="text-input"
        value={typed}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={typed !== '' && !matches}
        onChange={(event) => {
          setTyped(event.target.value);
        }}
        data-testid="erase-confirm-input"
      />
      {typed !== '' && !matches && <p className="field-error">That does not match yet.</p>}
    </ConfirmDialog>
  );
}
