/**
 * Whether a window may navigate to `url`. Hearth's UI is one document with hash routes, so the only navigation
 * allowed is to that same document (a reload, or a hash route); everything else — another file, a web page, a
 * `hearth:` original — is denied. `appUrl` is the URL the window loads (a `file:` URL in the app).
 */
export function shouldAllowNavigation(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const expected = new URL(appUrl);
    target.hash = '';
    expected.hash = '';
    return target.href === expected.href;
  } catch {
    return false;
  }
}
