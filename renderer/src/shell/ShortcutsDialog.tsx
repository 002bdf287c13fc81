import { useEffect, useId, useRef } from 'react';
import { useSettingsStore } from '@/features/settings/useSettingsStore';
import { shortcutList } from './shortcuts';
import { useShortcutsStore } from './useShortcutsStore';

/** The keyboard shortcuts (`?`), in a modal that Escape or Close dismisses; focus returns to where it was. */
export function ShortcutsDialog() {
  const setOpen = useShortcutsStore((s) => s.setOpen);
  const enterSends = useSettingsStore((s) => (s.settings?.appearance.sendWith ?? 'enter') === 'enter');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const close = () => {
    setOpen(false);
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClose={(event) => {
        if (!event.currentTarget.open) close();
      }}
      data-testid="shortcuts-dialog"
    >
      <h2 id={titleId} className="dialog__title">
        Keyboard shortcuts
      </h2>
      <div className="dialog__body">
        <dl className="shortcut-list">
          {shortcutList(enterSends).map((entry) => (
            <div key={entry.action} className="shortcut-list__row">
              <dt>
                <kbd>{entry.keys}</kbd>
              </dt>
              <dd>{entry.action}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="dialog__actions">
        <button ref={closeRef} type="button" className="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
