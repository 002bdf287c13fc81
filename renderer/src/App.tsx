import type { MouseEvent } from 'react';
import { useEffect } from 'react';
import { AppHeader } from './shell/AppHeader';
import { MainNav } from './shell/MainNav';
import { ToastRegion } from './shell/ToastRegion';
import { UnauthorizedPage } from './shell/UnauthorizedPage';
import { useRouteFocus } from './shell/useRouteFocus';
import { ShortcutsDialog } from './shell/ShortcutsDialog';
import { useGlobalShortcuts } from './shell/useGlobalShortcuts';
import { useShortcutsStore } from './shell/useShortcutsStore';
import { useThemeEffect } from './shell/useThemeEffect';
import type { RouteId } from './routing/routes';
import { useHashRoute } from './routing/useHashRoute';
import { ChatScreen } from './features/chat/ChatScreen';
import { DiagnosticsScreen } from './features/diagnostics/DiagnosticsScreen';
import { HomeScreen } from './features/home/HomeScreen';
import { LibraryScreen } from './features/library/LibraryScreen';
import { DropOverlay } from './features/library/DropOverlay';
import { useDropIngest } from './features/library/useDropIngest';
import { ModelsScreen } from './features/models/ModelsScreen';
import { NotFoundScreen } from './shell/NotFoundScreen';
import { QuickScreen } from './features/quick/QuickScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { bindStores } from './store/bindStores';
import { useConnectionStore } from './store/useConnectionStore';

function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'home':
      return <HomeScreen />;
    case 'chat':
      return <ChatScreen />;
    case 'library':
      return <LibraryScreen />;
    case 'models':
      return <ModelsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'diagnostics':
      return <DiagnosticsScreen />;
    case 'not-found':
      return <NotFoundScreen />;
    case 'quick':
      // Drawn without the app's chrome, below.
      return null;
  }
}

/** The skip link cannot use a fragment: the hash holds the route. */
const skipToContent = (event: MouseEvent<HTMLAnchorElement>) => {
  event.preventDefault();
  document.querySelector<HTMLElement>('main h1')?.focus();
};

export function App() {
  useEffect(() => bindStores(), []);
  useThemeEffect();
  const state = useConnectionStore((s) => s.state);
  const route = useHashRoute();
  useRouteFocus(route);
  const dragging = useDropIngest(state !== 'unauthorized');
  useGlobalShortcuts(state !== 'unauthorized' && route !== 'quick');
  const shortcutsOpen = useShortcutsStore((s) => s.open);

  if (state === 'unauthorized') return <UnauthorizedPage />;

  // The quick prompt (its own small window in the desktop app): no header, no navigation.
  if (route === 'quick') {
    return (
      <>
        <main id="main" className="quick-main">
          <QuickScreen />
        </main>
        <ToastRegion />
        {dragging && <DropOverlay />}
      </>
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <AppHeader />
      <div className="app__body">
        <MainNav current={route} />
        <main id="main" className="app__main">
          <Screen route={route} />
        </main>
      </div>
      <ToastRegion />
      {dragging && <DropOverlay />}
      {shortcutsOpen && <ShortcutsDialog />}
    </div>
  );
}
