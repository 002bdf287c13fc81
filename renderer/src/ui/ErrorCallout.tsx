import type { ReactNode } from 'react';
import type { ErrorData } from '@shared/errors';
import { ERROR_HINTS } from '@shared/errors';
import { Callout } from './Callout';

interface ErrorCalloutProps {
  title: string;
  error: ErrorData;
  testId?: string;
  /**
   * What to do, when the caller knows better than the error code's general hint; null where the message already
   * says it (the general hint would only repeat it in other words).
   */
  hint?: string | null;
  /** Controls under the text (Resume, Dismiss). */
  children?: ReactNode;
}

/** A failure shown in place: the core's message (written for people) and what to do about its code. */
export function ErrorCallout({ title, error, testId, hint, children }: ErrorCalloutProps) {
  return (
    <div role="alert" className="error-callout">
      <Callout tone="error" title={title} testId={testId}>
        <p>{error.message}</p>
        {hint !== null && <p className="callout__hint">{hint ?? ERROR_HINTS[error.code]}</p>}
        {children}
      </Callout>
    </div>
  );
}
