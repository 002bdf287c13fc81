/**
 * Where a document's original (its bytes, for the viewer and "Open original") is fetched: the desktop app's
 * privileged scheme, `hearth://original/<id>`, or the headless shell's route, `/api/originals/<id>`.
 */

/** The desktop app's privileged scheme for bytes out (ARCHITECTURE.md). */
export const HEARTH_SCHEME = 'hearth';

/** The headless shell's route for originals, in Fastify's notation. */
export const ORIGINALS_ROUTE = '/api/originals/:id';

/**
 * Catalogue ids as they may appear in these URLs: no separators or encodings, so a lookup never meets a path trick.
 * Catalogue ids are UUIDs.
 */
export const ORIGINAL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Which shell serves the original: the desktop app (its `hearth:` scheme) or the headless shell (its route). */
export type OriginalHost = 'desktop' | 'headless';

/** The URL of a document's original: `hearth://original/<id>` on the desktop, `/api/originals/<id>` headless. */
export function originalUrl(documentId: string, host: OriginalHost): string {
  const id = encodeURIComponent(documentId);
  return host === 'desktop' ? `${HEARTH_SCHEME}://original/${id}` : `/api/originals/${id}`;
}

/** A parsed original URL, or why it is not one. */
export type ParsedOriginalUrl = { ok: true; documentId: string } | { ok: false; reason: string };

/**
 * Parses `hearth://original/<documentId>` (a query or fragment such as `#page=3` is the viewer's and ignored).
 * Anything else — another host, a port, credentials, extra path segments, percent-encoding — is refused, so the
 * handler only ever looks up a plain document id.
 */
export function parseOriginalUrl(url: string): ParsedOriginalUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${HEARTH_SCHEME}:`) return { ok: false, reason: `not a ${HEARTH_SCHEME}: URL` };
  if (parsed.hostname.toLowerCase() !== 'original')
    return { ok: false, reason: `unknown resource "${parsed.hostname}"` };
  if (parsed.port || parsed.username || parsed.password) return { ok: false, reason: 'unexpected authority' };
  const documentId = parsed.pathname.slice(1);
  if (!parsed.pathname.startsWith('/') || !ORIGINAL_ID.test(documentId)) {
    return { ok: false, reason: 'not a document id' };
  }
  return { ok: true, documentId };
}
