import type { ErrorData } from '@shared/errors';
import { Callout } from '@/ui/Callout';

/** Shown instead of a failure when there is no model to answer with: what is missing and where to get it. */
export function NoModelNotice({ error }: { error: ErrorData | null }) {
  return (
    <div role={error ? 'alert' : undefined}>
      <Callout tone="info" title="No chat model yet" testId="chat-no-model">
        <p>{error ? error.message : 'Hearth answers with a language model that runs on this computer.'}</p>
        <p>
          <a href="#/models" data-testid="chat-no-model-link">
            Go to Models
          </a>{' '}
          to download a suggested model or import a .gguf file, then come back here.
        </p>
      </Callout>
    </div>
  );
}
