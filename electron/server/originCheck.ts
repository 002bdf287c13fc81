/**
 * Cross-site WebSocket hijacking defence: a browser always sends Origin on an upgrade, and it must be this
 * very server. Non-browser clients (tests, CLI) may omit it; they still need the session cookie.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}
