import { useEffect, useRef, useState } from 'react';
import { Card } from '@/ui/Card';
import { connection } from '@/ipc/client';
import { formatInteger, formatMs } from '@/lib/formatNumber';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import type { ConnectionTestResult } from './runConnectionTest';
import { LOOPBACK_COUNT, LOOPBACK_PAYLOAD_BYTES, runConnectionTest } from './runConnectionTest';

/** Streams 2,000 small items from the core and times a few pings. */
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
        Streams {formatInteger(LOOPBACK_COUNT)} events of {LOOPBACK_PAYLOAD_BYTES} bytes from the core, then measures a
        round trip.
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
              <dt>Throughput</dt>
              <dd data-testid="conn-test-rate">{formatInteger(result.eventsPerSecond)} events/s</dd>
            </div>
            <div className="facts__row">
              <dt>Received</dt>
              <dd>
                {formatInteger(result.received)} events in {formatMs(result.elapsedMs)}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Ping</dt>
              <dd data-testid="conn-test-ping">{formatMs(result.pingMs)} round trip</dd>
            </div>
          </dl>
        )}
      </div>
    </Card>
  );
}
