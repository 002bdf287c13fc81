import type { ReactNode } from 'react';
import { useId } from 'react';

interface CardProps {
  title: string;
  /** Optional controls shown beside the title. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  testId?: string;
}

/** A titled group of content; a labelled <section> so screen-reader users can jump between cards. */
export function Card({ title, actions, className, children, testId }: CardProps) {
  const headingId = useId();
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={headingId} data-testid={testId}>
      <div className="card__header">
        <h2 id={headingId} className="card__title">
          {title}
        </h2>
        {actions && <div className="card__actions">{actions}</div>}
      </div>
      <div className="card__body">{children}</div>
    </section>
  );
}
