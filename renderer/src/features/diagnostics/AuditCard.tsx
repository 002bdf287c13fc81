import { useState } from 'react';
import type { AuditVerify } from '@shared/schemas';
import { Card } from '@/ui/Card';
import { Icon } from '@/ui/Icon';
import { formatInteger } from '@/lib/formatNumber';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

/** Checks the hash chain of the audit log of tool executions and language-server requests. */
export function AuditCard() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerify | null>(null);

  const verify = async () => {
    const api = connection.current();
    if (!api) {
      reportError('Could not verify the audit log', NOT_CONNECTED);
      return;
    }
    setBusy(true);
    const outcome = await api.audit.verify({});
    setBusy(false);
    if (outcome.ok) setResult(outcome.value);
    else reportError('Could not verify the audit log', outcome.error);
  };

  return (
    <Card title="Record of actions" testId="audit-card">
      <p className="card__note">
        Hearth writes down every tool it runs and every question about your code, in a log that shows if anything in it
        was changed or removed afterwards. Check it here.
      </p>
      <div className="inline-actions">
        <button
          type="button"
          className="button"
          onClick={() => void verify()}
          disabled={busy}
          data-testid="audit-verify"
        >
          {busy ? 'Checking…' : 'Check the record'}
        </button>
      </div>
      <div role="status" data-testid="audit-result" className="result-line">
        {result?.ok && (
          <span className="result-line--ok">
            <Icon name="check" size={16} />
            Intact: nothing was changed or removed ({formatInteger(result.entries)}{' '}
            {result.entries === 1 ? 'entry' : 'entries'})
          </span>
        )}
        {result && !result.ok && (
          <span className="result-line--bad">
            <Icon name="error" size={16} />
            Changed at entry {result.problem?.line ?? '?'}: {result.problem?.reason ?? 'the record does not check out'}{' '}
            ({formatInteger(result.entries)} entries read)
          </span>
        )}
      </div>
    </Card>
  );
}
