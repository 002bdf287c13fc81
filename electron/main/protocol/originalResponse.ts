import { parseOriginalUrl } from '../../shared/originalUrl';
import { APP_ORIGIN } from './appScheme';

/** An original's bytes, as the core hands them out. */
export interface OriginalFile {
  /** The bytes (a stream for large files). */
  body: ReadableStream<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer>;
  /** Its MIME type, e.g. `application/pdf`. */
  contentType: string;
  /** Its size in bytes, when known. */
  size?: number;
}

/** What serving originals needs. */
export interface OriginalResponseDeps {
  /**
   * Opens the original of a document the user has, or null when there is no such document (injected: the core's
   * library in the app, a stub in tests).
   */
  openOriginal: (documentId: string) => Promise<OriginalFile | null>;
}

/**
 * Headers on every answer. An original is data, never a page: a sandboxing CSP and nosniff stop an HTML or SVG
 * original from running script even if a window were pointed at it. CORS admits only the UI's own origin
 * (`app://hearth`, appScheme.ts); only Hearth's own pages can load in the app (navigation is denied).
 */
const BASE_HEADERS = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'access-control-allow-origin': APP_ORIGIN,
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

/** The `protocol.handle('hearth', …)` handler: GET/HEAD of `hearth://original/<documentId>`. */
export async function originalResponse(request: Request, deps: OriginalResponseDeps): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const parsed = parseOriginalUrl(request.url);
  if (!parsed.ok) return plain(400, `Bad request: ${parsed.reason}`);
  let file: OriginalFile | null;
  try {
    file = await deps.openOriginal(parsed.documentId);
  } catch {
    return plain(500, 'Could not read the original');
  }
  if (!file) return plain(404, 'No such document');
  const headers: Record<string, string> = { ...BASE_HEADERS, 'content-type': file.contentType };
  if (file.size !== undefined) headers['content-length'] = String(file.size);
  if (request.method === 'HEAD') {
    if (file.body instanceof ReadableStream) await file.body.cancel();
    return new Response(null, { status: 200, headers });
  }
  return new Response(file.body, { status: 200, headers });
}
