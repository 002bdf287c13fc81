import { useEffect, useState } from 'react';
import type { ReembedEstimate } from '@shared/livingLibrarySchemas';
import type { ModelInfo } from '@shared/runtimeSchemas';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { connection } from '@/ipc/client';
import { formatInteger } from '@/lib/formatNumber';
import { useModelName } from './useModelName';
import { formatReembedTime, reembedBasisText } from './reembedEstimateText';

interface EmbeddingSwitchDialogProps {
  /** The embedding model search uses now. */
  current: ModelInfo;
  /** The embedding model asked for. */
  next: ModelInfo;
  /** Passages in the library (shown until the core's estimate, which counts them too, arrives). */
  passages: number;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before another embedding model becomes the default, naming what happens: search keeps the current model's
 * index until every passage is re-embedded with the new one, and about how long that takes on this computer.
 */
export function EmbeddingSwitchDialog({ current, next, passages, onConfirm, onCancel }: EmbeddingSwitchDialogProps) {
  const modelName = useModelName();
  // undefined: still asking; null: no estimate (the core could not give one): the sentence goes without a time.
  const [estimate, setEstimate] = useState<ReembedEstimate | null | undefined>(undefined);
  useEffect(() => {
    let stale = false;
    const asked = connection.current()?.library['reembed.estimate']({ model: next.id });
    void (asked ?? Promise.resolve(null)).then((result) => {
      if (!stale) setEstimate(result?.ok ? result.value : null);
    });
    return () => {
      stale = true;
    };
  }, [next.id]);

  const count = estimate?.passages ?? passages;
  const time = estimate ? `, ${formatReembedTime(estimate.seconds)}` : '';
  return (
    <ConfirmDialog
      title={`Find passages with ${next.displayName}?`}
      confirmLabel="Switch"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p data-testid="embedding-switch-consequence" aria-busy={estimate === undefined}>
        Search keeps using {current.displayName} until the library&rsquo;s {formatInteger(count)}{' '}
        {count === 1 ? 'passage is' : 'passages are'} re-embedded with {next.displayName}
        {time}.
      </p>
      <p className="muted" data-testid="embedding-switch-basis">
        {estimate === undefined
          ? 'Estimating how long that takes on this computer…'
          : estimate && reembedBasisText(estimate, next.displayName, modelName)}
      </p>
      <p>
        Start that with Re-embed now on the Library screen. It runs in the background, and questions keep being answered
        from the current index meanwhile.
      </p>
    </ConfirmDialog>
  );
}
