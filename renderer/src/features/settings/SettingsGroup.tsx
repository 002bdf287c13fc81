import type { ReactNode } from 'react';

interface SettingsGroupProps {
  /** Its anchor (`settings-<id>`), which the section list scrolls to. */
  id: string;
  title: string;
  children: ReactNode;
}

/**
 * One of the Settings screen's sections: a titled group of cards. A group rather than a region, so the cards inside
 * stay the landmarks (a "Library" region around a "Library" card would repeat a landmark name).
 */
export function SettingsGroup({ id, title, children }: SettingsGroupProps) {
  return (
    <div
      role="group"
      className="settings-group"
      aria-labelledby={`settings-${id}-title`}
      data-testid={`settings-group-${id}`}
    >
      <h2 id={`settings-${id}-title`} className="settings-group__title" tabIndex={-1}>
        {title}
      </h2>
      {children}
    </div>
  );
}
