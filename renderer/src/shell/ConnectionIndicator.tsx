import type { ConnectionState } from '@/ipc/client';
import { useConnectionStore } from '@/store/useConnectionStore';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Reconnecting…',
  unauthorized: 'Signed out',
};

/** Text plus a coloured dot, so the state never depends on colour alone. */
export function ConnectionIndicator() {
  const state = useConnectionStore((s) => s.state);
  return (
    <p className={`connection-indicator connection-indicator--${state}`} data-testid="connection-state">
      <span className="connection-indicator__dot" aria-hidden="true" />
      <span className="visually-hidden">Connection: </span>
      {LABELS[state]}
    </p>
  );
}
