/**
 * Whether a link may be handed to the user's browser (after they confirm). Only http(s): `file:`, `smb:`,
 * custom schemes and the like can launch local programs through `shell.openExternal`. URLs with credentials
 * are refused too, since `https://bank.example@evil.example/` hides the real host from the user.
 */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (!parsed.hostname) return false;
  return parsed.username === '' && parsed.password === '';
}
