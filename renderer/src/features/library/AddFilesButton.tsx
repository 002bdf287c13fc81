import { useId } from 'react';
import { Icon } from '@/ui/Icon';
import { useIngestStore } from './libraryStores';

/** A real file input (keyboard- and test-friendly) drawn as a button through its label; several files at once. */
export function AddFilesButton({ disabled }: { disabled: boolean }) {
  const id = useId();
  const addFiles = useIngestStore((s) => s.addFiles);
  return (
    <span className="file-picker">
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden file-picker__input"
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so picking the same files again still fires a change.
          event.target.value = '';
          addFiles(files.map((file) => ({ file, name: file.name })));
        }}
        data-testid="library-add-input"
      />
      <label
        htmlFor={id}
        className={
          disabled
            ? 'button button--primary file-picker__button is-disabled'
            : 'button button--primary file-picker__button'
        }
      >
        <Icon name="plus" size={14} />
        Add files…
      </label>
    </span>
  );
}
