import type { RouteId } from '@/routing/routes';
import { NAV_ROUTES } from '@/routing/routes';
import type { IconName } from '@/ui/Icon';
import { Icon } from '@/ui/Icon';

const ICONS: Record<(typeof NAV_ROUTES)[number]['id'], IconName> = {
  home: 'home',
  chat: 'chat',
  library: 'library',
  models: 'cube',
  settings: 'settings',
  diagnostics: 'diagnostics',
};

/** Sidebar on wide windows, bottom tab bar under 720px (CSS only). */
export function MainNav({ current }: { current: RouteId }) {
  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {NAV_ROUTES.map((route) => (
          <li key={route.id}>
            <a
              className="main-nav__link"
              href={route.href}
              aria-current={route.id === current ? 'page' : undefined}
              data-testid={`nav-${route.id}`}
            >
              <Icon name={ICONS[route.id]} size={18} />
              <span>{route.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
