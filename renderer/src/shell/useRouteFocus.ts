import { useEffect, useRef } from 'react';
import type { RouteId } from '@/routing/routes';
import { routeTitle } from '@/routing/routes';

/** Titles the document after the screen and, after in-app navigation, moves focus to the new screen's <h1>. */
export function useRouteFocus(route: RouteId): void {
  const first = useRef(true);
  useEffect(() => {
    document.title = route === 'home' ? 'Hearth' : `${routeTitle(route)} – Hearth`;
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route]);
}
