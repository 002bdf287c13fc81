import type { ChildState } from '@shared/schemas';

const TONES: Record<ChildState, 'ok' | 'busy' | 'warn' | 'bad' | 'idle'> = {
  starting: 'busy',
  running: 'ok',
  unhealthy: 'warn',
  backoff: 'warn',
  stopping: 'busy',
  stopped: 'idle',
  failed: 'bad',
};

const LABELS: Record<ChildState, string> = {
  starting: 'Starting',
  running: 'Running',
  unhealthy: 'Unhealthy',
  backoff: 'Restarting soon',
  stopping: 'Stopping',
  stopped: 'Stopped',
  failed: 'Failed',
};

/** A background service's state as a word on a tinted pill (never colour alone). */
export function StateBadge({ state }: { state: ChildState }) {
  return <span className={`badge badge--${TONES[state]}`}>{LABELS[state]}</span>;
}
