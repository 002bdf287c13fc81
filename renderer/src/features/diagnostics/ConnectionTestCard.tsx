import { useEffect, useRef, useState } from 'react';
import { Card } from '@/ui/Card';
import { connection } from '@/ipc/client';
import { formatInteger, formatMs } from '@/lib/formatNumber';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import type { ConnectionTestResult } from './runConnectionTest';
import { LOOPBACK_COUNT, LOOPBACK_PAYLOAD_BYTES, runConnectionTest } from './runConnectionTest';

/** Times how fast this window and Hearth exchange messages: 2,000 small ones streamed, then a few replies. */
export function ConnectionTestCard() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const cancelRef = useRef<(() => void) | null>(null);

  useEffect(() => () => cancelRef.current?.(), []);

  const run = async () => {
    const api = connection.current();
    if (!api) {
      reportError('Could not run the connection test', NOT_CONNECTED);
      return;
    }
    setBusy(true);
    setResult(null);
    const outcome = await runConnectionTest(api, (cancel) => {
      cancelRef.current = cancel;
    });
    cancelRef.current = null;
    setBusy(false);
    if (outcome.ok) setResult(outcome.value);
    else if (outcome.error.code !== 'CANCELLED') reportError(outcome.step, outcome.error);
  };

  return (
    <Card title="Connection test" testId="conn-test-card">
      <p className="card__note">
        Checks how quickly this window and Hearth talk to each other: Hearth sends {formatInteger(LOOPBACK_COUNT)} small
        messages ({LOOPBACK_PAYLOAD_BYTES} bytes each), then the time for one reply is measured.
      </p>
      <div className="inline-actions">
        <button type="button" className="button" onClick={() => void run()} disabled={busy} data-testid="conn-test">
          {busy ? 'Testing…' : 'Run connection test'}
        </button>
      </div>
      <div role="status" data-testid="conn-test-result">
        {result && (
          <dl className="facts facts--compact">
            <div className="facts__row">
              <dt>Messages a second</dt>
              <dd data-testid="conn-test-rate">{formatInteger(result.eventsPerSecond)}</dd>
            </div>
            <div className="facts__row">
              <dt>Received</dt>
              <dd>
                {formatInteger(result.received)} messages in {formatMs(result.elapsedMs)}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Time for a reply</dt>
              <dd data-testid="conn-test-ping">{formatMs(result.pingMs)}</dd>
            </div>
          </dl>
        )}
      </div>
    </Card>
  );
}
