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
    <Card title="Audit log" testId="audit-card">
      <p className="card__note">Every tool run and language-server request is logged in a tamper-evident chain.</p>
      <div className="inline-actions">
        <button
          type="button"
          className="button"
          onClick={() => void verify()}
          disabled={busy}
          data-testid="audit-verify"
        >
          {busy ? 'Verifying…' : 'Verify'}
        </button>
      </div>
      <div role="status" data-testid="audit-result" className="result-line">
        {result?.ok && (
          <span className="result-line--ok">
            <Icon name="check" size={16} />
            OK: the log is intact ({formatInteger(result.entries)} {result.entries === 1 ? 'entry' : 'entries'})
          </span>
        )}
        {result && !result.ok && (
          <span className="result-line--bad">
            <Icon name="error" size={16} />
            Problem at line {result.problem?.line ?? '?'}: {result.problem?.reason ?? 'the chain does not verify'} (
            {formatInteger(result.entries)} entries read)
          </span>
        )}
      </div>
    </Card>
  );
}
