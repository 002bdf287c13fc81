import { useState } from 'react';
import { Icon } from '@/ui/Icon';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { downloadText } from '../chat/downloadText';

/** Saves a support bundle (versions, settings without credentials, recent telemetry, the log's end) as JSON. */
export function ExportBundleButton() {
  const [busy, setBusy] = useState(false);
  const exportBundle = async () => {
    const api = connection.current();
    if (!api) return reportError('Could not export diagnostics', NOT_CONNECTED);
    setBusy(true);
    const result = await api.diagnostics.bundle({});
    setBusy(false);
    if (!result.ok) return reportError('Could not export diagnostics', result.error);
    const name = `hearth-diagnostics-${result.value.createdAt.replace(/[:.]/g, '-')}.json`;
    downloadText(name, JSON.stringify(result.value, null, 2), 'application/json');
  };
  return (
    <button
      type="button"
      className="button"
      onClick={() => void exportBundle()}
      disabled={busy}
      data-testid="diag-export"
    >
      <Icon name="download" size={14} />
      {busy ? 'Exporting…' : 'Export diagnostics bundle'}
    </button>
  );
}
