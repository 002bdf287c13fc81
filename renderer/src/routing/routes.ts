export type RouteId = 'home' | 'chat' | 'models' | 'settings' | 'diagnostics' | 'not-found';

export interface NavRoute {
  id: Exclude<RouteId, 'not-found'>;
  label: string;
  href: string;
}

/** The screens that exist now, in navigation order. */
export const NAV_ROUTES: readonly NavRoute[] = [
  { id: 'home', label: 'Home', href: '#/' },
  { id: 'chat', label: 'Chat', href: '#/chat' },
  { id: 'models', label: 'Models', href: '#/models' },
  { id: 'settings', label: 'Settings', href: '#/settings' },
  { id: 'diagnostics', label: 'Diagnostics', href: '#/diagnostics' },
];

export function routeFromHash(hash: string): RouteId {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return 'home';
  if (path === '/chat') return 'chat';
  if (path === '/models') return 'models';
  if (path === '/settings') return 'settings';
  if (path === '/diagnostics') return 'diagnostics';
  return 'not-found';
}

export function routeTitle(route: RouteId): string {
  return NAV_ROUTES.find((r) => r.id === route)?.label ?? 'Not found';
}
