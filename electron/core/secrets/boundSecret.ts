/** Marks a keychain value written by `encodeBoundSecret`, so a plain value is never mistaken for one. */
const MARK = 'hearth.bound.v1';

/**
 * A secret together with the endpoint it was saved for, as one keychain value: both are written in one step, so no
 * crash or later settings change can pair a secret with an endpoint the user never gave it to.
 */
export function encodeBoundSecret(value: string, endpoint: string): string {
  return JSON.stringify({ [MARK]: true, endpoint, value });
}

/** The secret if it was saved for exactly this endpoint; null for another endpoint or an unbound (older) value. */
export function decodeBoundSecret(stored: string | null, endpoint: string): string | null {
  const bound = readBound(stored);
  return bound && bound.endpoint === endpoint ? bound.value : null;
}

function readBound(stored: string | null): { endpoint: string; value: string } | null {
  if (!stored?.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(stored) as Record<string, unknown>;
    const { endpoint, value } = parsed;
    if (parsed[MARK] !== true || typeof endpoint !== 'string' || typeof value !== 'string') return null;
    return { endpoint, value };
  } catch {
    return null;
  }
}
