import { ProgressBar } from '@/ui/ProgressBar';
import { formatInteger } from '@/lib/formatNumber';
import { useLivingLibraryStore } from './useLivingLibraryStore';
import { useModelName } from '@/features/models/useModelName';

/** Which index search uses, whether a re-embed is due, and its progress while one runs. */
export function ReembedLine() {
  const state = useLivingLibraryStore((s) => s.reembed);
  const progress = useLivingLibraryStore((s) => s.reembedProgress);
  const start = useLivingLibraryStore((s) => s.startReembed);
  const cancel = useLivingLibraryStore((s) => s.cancelReembed);
  const modelName = useModelName();
  if (!state) return null;
  const running = state.run?.status === 'running' || (progress !== null && progress.done < progress.total);
  return (
    <div className="reembed" data-testid="library-reembed">
      <p className="card__note" role="status">
        {running
          ? `Re-embedding with ${modelName(progress?.model ?? state.run?.model)}: ${formatInteger(
              progress?.done ?? state.run?.done ?? 0,
            )}${progress ? ` of ${formatInteger(progress.total)}` : ''} documents. Search uses ${modelName(
              state.active?.model,
            )} until it is complete.`
          : state.needed
            ? `Search uses ${state.active ? modelName(state.active.model) : 'no index yet'}; the embedding model is now ${modelName(state.target.model)}. Re-embed the library to use it.`
            : state.active
              ? `Search uses ${modelName(state.active.model)}, up to date.`
              : 'Nothing is indexed yet.'}
        {state.run?.status === 'failed' && state.run.error ? ` The last re-embed failed: ${state.run.error}` : ''}
      </p>
      {running && progress && progress.total > 0 && (
        <ProgressBar percent={(100 * progress.done) / progress.total} label="Re-embedding progress" />
      )}
      {running ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => void cancel()}
          data-testid="reembed-cancel"
        >
          Stop re-embedding
        </button>
      ) : (
        state.needed && (
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void start()}
            data-testid="reembed-start"
          >
            Re-embed now
          </button>
        )
      )}
    </div>
  );
}
