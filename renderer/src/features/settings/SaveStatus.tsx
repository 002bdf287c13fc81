import { Icon } from '@/ui/Icon';
import type { SaveStatus as Status } from './useSettingsStore';
import { useSettingsStore } from './useSettingsStore';

/** A discreet live region: "Saving…", then "Saved". It stays in the DOM so changes are announced. */
export function SaveStatus() {
  const status: Status = useSettingsStore((s) => s.saveStatus);
  return (
    <p className={`save-status save-status--${status}`} role="status" data-testid="settings-saved">
      {status === 'saving' && 'Saving…'}
      {status === 'saved' && (
        <>
          <Icon name="check" size={14} />
          Saved
        </>
      )}
      {status === 'failed' && 'Not saved'}
    </p>
  );
}
