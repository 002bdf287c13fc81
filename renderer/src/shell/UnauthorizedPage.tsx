import { Icon } from '@/ui/Icon';

/** Shown when the headless shell refused the WebSocket (no or expired session cookie). */
export function UnauthorizedPage() {
  return (
    <main className="unauthorized" id="main">
      <div className="unauthorized__panel">
        <Icon name="flame" size={40} className="unauthorized__logo" />
        <h1>Sign in to Hearth</h1>
        <p>Open the link Hearth printed in the terminal when it started (it contains a one-time sign-in token).</p>
        <p className="muted">Each link works once. For a new one, press Enter in that terminal or restart Hearth.</p>
      </div>
    </main>
  );
}
