import { useConnectionStore } from '@/store/useConnectionStore';
import { ConnectionIndicator } from './ConnectionIndicator';
import { Icon } from '@/ui/Icon';
import { ServicesIndicator } from './ServicesIndicator';

export function AppHeader() {
  const state = useConnectionStore((s) => s.state);
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <a className="app-header__brand" href="#/">
          <Icon name="flame" size={20} className="app-header__logo" />
          <span>Hearth</span>
        </a>
        <div className="app-header__status">
          <ServicesIndicator />
          <ConnectionIndicator />
        </div>
      </div>
      {state === 'disconnected' && (
        <div className="reconnect-banner" role="status" data-testid="reconnecting-banner">
          <span className="spinner" aria-hidden="true" />
          Reconnecting…
        </div>
      )}
    </header>
  );
}
