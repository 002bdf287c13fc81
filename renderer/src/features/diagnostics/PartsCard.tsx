import { Card } from '@/ui/Card';
import type { PartStatus } from '@shared/partSchemas';
import { usePartsStore } from './usePartsStore';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const BADGE: Record<PartStatus['state'], { label: string; tone: string }> = {
  starting: { label: 'Starting', tone: 'busy' },
  running: { label: 'Running', tone: 'ok' },
  retrying: { label: 'Off, retrying', tone: 'bad' },
};

/** The core's background starts (the living library…): running, or off with why, the next retry and "Retry now". */
export function PartsCard() {
  const parts = usePartsStore((s) => s.parts);
  const retrying = usePartsStore((s) => s.retrying);
  const retry = usePartsStore((s) => s.retry);
  return (
    <Card title="Background tasks" testId="parts-card">
      {parts.length === 0 ? (
        <p className="empty">None has started yet.</p>
      ) : (
        <ul className="parts-list">
          {parts.map((part) => (
            <li key={part.name} className="parts-list__item" data-testid={`part-${part.name}`}>
              <span className="parts-list__label">{part.label}</span>
              <span className={`badge badge--${BADGE[part.state].tone}`}>{BADGE[part.state].label}</span>
              {part.state === 'retrying' && (
                <>
                  <p className="parts-list__message">{part.message}</p>
                  <p className="field-help">
                    {part.failures} failed {part.failures === 1 ? 'attempt' : 'attempts'}
                    {part.nextRetryAt !== null && <>; next at {time.format(part.nextRetryAt)}</>}.
                  </p>
                  <button
                    type="button"
                    className="button"
                    disabled={retrying === part.name}
                    onClick={() => void retry(part.name)}
                  >
                    {retrying === part.name ? 'Retrying…' : 'Retry now'}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
