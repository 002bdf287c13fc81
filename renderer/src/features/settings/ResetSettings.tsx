import { useState } from 'react';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { useSettingsStore } from './useSettingsStore';

export function ResetSettings() {
  const reset = useSettingsStore((s) => s.reset);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="reset-settings">
      <button
        type="button"
        className="button"
        onClick={() => {
          setConfirming(true);
        }}
        data-testid="settings-reset"
      >
        Reset to defaults…
      </button>
      {confirming && (
        <ConfirmDialog
          title="Reset all settings?"
          confirmLabel="Reset"
          destructive
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void reset();
          }}
        >
          <p>
            Appearance, inference, fallback, library, storage, server and privacy settings go back to their defaults.
          </p>
          <p>Stored API keys and passwords are kept.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
