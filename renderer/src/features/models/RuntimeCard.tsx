import type { RuntimeStatus } from '@shared/runtimeSchemas';
import { Card } from '@/ui/Card';
import { formatBytes } from '@shared/formatBytes';
import { useRuntimeStore } from './useRuntimeStore';

const STATES: Record<RuntimeStatus['state'], { label: string; tone: string }> = {
  idle: { label: 'Idle', tone: 'idle' },
  loading: { label: 'Loading…', tone: 'busy' },
  ready: { label: 'Ready', tone: 'ok' },
  error: { label: 'Error', tone: 'bad' },
};

const DEVICES: Record<string, string> = {
  metal: 'Metal (Apple GPU)',
  cuda: 'CUDA (NVIDIA GPU)',
  vulkan: 'Vulkan GPU',
  cpu: 'CPU',
};

/** The inference worker: what is loaded where, and how much memory it holds. */
export function RuntimeCard() {
  const status = useRuntimeStore((s) => s.status);
  const unloading = useRuntimeStore((s) => s.unloading);
  const unload = useRuntimeStore((s) => s.unload);
  const state = status ? STATES[status.state] : null;
  const action = (
    <button
      type="button"
      className="button button--small"
      disabled={!status?.model || unloading}
      onClick={() => void unload()}
      data-testid="runtime-unload"
    >
      {unloading ? 'Unloading…' : 'Unload'}
    </button>
  );
  return (
    <Card title="Model runtime" actions={action} testId="runtime-status">
      {!status || !state ? (
        <p className="muted">Loading…</p>
      ) : (
        <dl className="facts">
          <div className="facts__row">
            <dt>State</dt>
            <dd>
              <span className={`badge badge--${state.tone}`} data-testid="runtime-state">
                {state.label}
              </span>
            </dd>
          </div>
          <div className="facts__row">
            <dt>Loaded model</dt>
            <dd data-testid="runtime-model">{status.model?.name ?? 'None'}</dd>
          </div>
          <div className="facts__row">
            <dt>Runs on</dt>
            <dd>{status.device ? (DEVICES[status.device] ?? status.device) : '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>Worker memory</dt>
            <dd className="numeric">
              {status.memory.workerRssBytes === null ? '—' : formatBytes(status.memory.workerRssBytes)}
              {status.memory.vramUsedBytes !== null && ` (+ ${formatBytes(status.memory.vramUsedBytes)} GPU)`}
            </dd>
          </div>
          {status.lastError && (
            <div className="facts__row">
              <dt>Last error</dt>
              <dd className="runtime__error">{status.lastError}</dd>
            </div>
          )}
        </dl>
      )}
    </Card>
  );
}
