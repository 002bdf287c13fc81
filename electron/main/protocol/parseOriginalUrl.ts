/** Hearth's privileged scheme for bytes out (ARCHITECTURE.md): `hearth://original/<documentId>`. */
export const HEARTH_SCHEME = 'hearth';

/** Catalogue ids are UUIDs; allowing only these characters rules out traversal and encoding tricks. */
const DOCUMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** A parsed original URL, or why it is not one. */
export type OriginalUrl = { ok: true; documentId: string } | { ok: false; reason: string };

/**
 * Parses `hearth://original/<documentId>` (a query or fragment such as `#page=3` is the viewer's and ignored).
 * Anything else — another host, a port, credentials, extra path segments, percent-encoding — is refused, so the
 * handler only ever looks up a plain document id.
 */
export function parseOriginalUrl(url: string): OriginalUrl {
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
  if (!parsed.pathname.startsWith('/') || !DOCUMENT_ID.test(documentId)) {
    return { ok: false, reason: 'not a document id' };
  }
  return { ok: true, documentId };
}
