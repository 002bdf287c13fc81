import type { ReactNode } from 'react';

interface ScreenHeaderProps {
  title: string;
  /** One line under the title. */
  lead?: ReactNode;
  /** Shown at the end of the title row (a status, a button). */
  aside?: ReactNode;
}

/** The screen's <h1>; focusable by script so navigation can move focus to it. */
export function ScreenHeader({ title, lead, aside }: ScreenHeaderProps) {
  return (
    <div className="screen-header">
      <div className="screen-header__row">
        <h1 className="screen-header__title" tabIndex={-1}>
          {title}
        </h1>
        {aside}
      </div>
      {lead && <p className="screen-header__lead">{lead}</p>}
    </div>
  );
}
