import { useSyncExternalStore } from 'react';
import type { RouteId } from './routes';
import { routeFromHash } from './routes';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
  };
};

/** The current screen, from `location.hash` (`#/settings`); hash routing also works from file:// in Electron. */
export function useHashRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(location.hash));
}
