export type RouteId = 'home' | 'chat' | 'library' | 'models' | 'settings' | 'diagnostics' | 'quick' | 'not-found';

export interface NavRoute {
  id: Exclude<RouteId, 'not-found' | 'quick'>;
  label: string;
  href: string;
}

/**
 * The screens that exist now, in navigation order (and ⌘1… order): the order a new library is set up in, since Chat
 * cannot answer before there are models and documents.
 */
export const NAV_ROUTES: readonly NavRoute[] = [
  { id: 'home', label: 'Home', href: '#/' },
  { id: 'models', label: 'Models', href: '#/models' },
  { id: 'library', label: 'Library', href: '#/library' },
  { id: 'chat', label: 'Chat', href: '#/chat' },
  { id: 'settings', label: 'Settings', href: '#/settings' },
  { id: 'diagnostics', label: 'Diagnostics', href: '#/diagnostics' },
];

/** `#/chat/<conversation id>` opens one conversation. */
const CHAT_PATH = /^\/chat\/([a-z0-9-]{1,64})$/;

export function routeFromHash(hash: string): RouteId {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return 'home';
  if (path === '/chat' || CHAT_PATH.test(path)) return 'chat';
  if (path === '/quick') return 'quick';
  if (path === '/library') return 'library';
  if (path === '/models') return 'models';
  if (path === '/settings') return 'settings';
  if (path === '/diagnostics') return 'diagnostics';
  return 'not-found';
}

export function routeTitle(route: RouteId): string {
  if (route === 'quick') return 'Quick prompt';
  return NAV_ROUTES.find((r) => r.id === route)?.label ?? 'Not found';
}

/** The conversation a `#/chat/<id>` hash names, or null (`#/chat`: a new one). */
export function conversationIdFromHash(hash: string): string | null {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  return CHAT_PATH.exec(path)?.[1] ?? null;
}

/** The hash that opens a conversation (or a new one). */
export function conversationHref(id: string | null): string {
  return id ? `#/chat/${id}` : '#/chat';
}
