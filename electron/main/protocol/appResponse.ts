import { CONTENT_SECURITY_POLICY } from '../security/contentSecurityPolicy';
import { appContentType, resolveAppAsset } from './appScheme';

/** How `appResponse` finds the UI's files. */
export interface AppResponseOptions {
  /** The renderer build's folder (dist/renderer, inside app.asar when packaged). */
  rendererDir: string;
  /** Reads a file; rejects with ENOENT/EISDIR/… when there is none (Electron's fs reads inside app.asar). */
  readFile: (path: string) => Promise<Uint8Array>;
}

/**
 * Answers a request for `app://hearth/…` with a file of the renderer build, confined to its folder. Every answer
 * carries the CSP itself: a custom protocol's responses do not pass through the session's header hook.
 */
export async function appResponse(
  request: { url: string; method: string },
  options: AppResponseOptions,
): Promise<Response> {
  const headers = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } });
  }
  const file = resolveAppAsset(options.rendererDir, request.url);
  if (!file) return new Response(null, { status: 404, headers });
  let body: Uint8Array;
  try {
    body = await options.readFile(file);
  } catch {
    return new Response(null, { status: 404, headers });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'Content-Type': appContentType(file), 'Content-Length': String(body.byteLength) },
  });
}
