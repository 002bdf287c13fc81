interface SettingsSectionNavProps {
  sections: ReadonlyArray<{ id: string; title: string }>;
}

/**
 * The list of sections beside Settings on wide screens. The hash holds the route, so these are buttons that scroll
 * to a section and move focus to its heading, rather than fragment links.
 */
export function SettingsSectionNav({ sections }: SettingsSectionNavProps) {
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      <ul className="settings-nav__list">
        {sections.map((section) => (
          <li key={section.id}>
            <button
              type="button"
              className="settings-nav__link"
              onClick={() => {
                const heading = document.getElementById(`settings-${section.id}-title`);
                heading?.scrollIntoView({ block: 'start' });
                heading?.focus({ preventScroll: true });
              }}
              data-testid={`settings-nav-${section.id}`}
            >
              {section.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
