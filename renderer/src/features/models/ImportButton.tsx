import { useId } from 'react';
import { Icon } from '@/ui/Icon';
import { useImportStore } from './useImportStore';

/** A real file input (keyboard- and test-friendly) drawn as a button through its label. */
export function ImportButton() {
  const id = useId();
  const importFile = useImportStore((s) => s.importFile);
  const busy = useImportStore((s) => s.phase === 'uploading' || s.phase === 'checking');
  return (
    <span className="file-picker">
      <input
        id={id}
        type="file"
        accept=".gguf"
        className="visually-hidden file-picker__input"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so picking the same file again still fires a change.
          event.target.value = '';
          if (file) void importFile(file);
        }}
        data-testid="model-import-input"
      />
      <label
        htmlFor={id}
        className={
          busy ? 'button button--primary file-picker__button is-disabled' : 'button button--primary file-picker__button'
        }
      >
        <Icon name="upload" size={14} />
        Import .gguf file…
      </label>
    </span>
  );
}
