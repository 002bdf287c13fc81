import { Callout } from '@/ui/Callout';
import { usePartsStore } from './usePartsStore';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Says so where the person would miss it when a background service of the core is off (its start failed and is
 * being retried), with why and "Retry now". Renders nothing while it runs.
 */
export function PartOffCallout({ name }: { name: string }) {
  const part = usePartsStore((s) => s.parts.find((p) => p.name === name));
  const retrying = usePartsStore((s) => s.retrying === name);
  const retry = usePartsStore((s) => s.retry);
  if (!part || part.state !== 'retrying') return null;
  return (
    <Callout tone="warning" title={`${part.label} is off`} testId={`part-off-${name}`}>
      <p>{part.message}</p>
      <p>
        Hearth tries again on its own
        {part.nextRetryAt !== null && (
          <>
            {' '}
            at <time dateTime={new Date(part.nextRetryAt).toISOString()}>{time.format(part.nextRetryAt)}</time>
          </>
        )}{' '}
        ({part.failures} {part.failures === 1 ? 'attempt' : 'attempts'} so far).
      </p>
      <button
        type="button"
        className="button"
        disabled={retrying}
        onClick={() => void retry(name)}
        data-testid={`part-retry-${name}`}
      >
        {retrying ? 'Retrying…' : 'Retry now'}
      </button>
    </Callout>
  );
}
