import { extname, join, normalize, relative, sep, isAbsolute } from 'node:path';

/** The scheme Hearth's UI is served from in the desktop app, instead of `file:`. */
export const APP_SCHEME = 'app';
/** The one host under it: the UI's origin is `app://hearth`. */
const APP_HOST = 'hearth';
/** The UI's origin, the only one the `hearth:` originals answer CORS requests from. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The UI document every window loads; routes are hash routes on it. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * `standard` gives the UI a real origin (`app://hearth`, so `'self'` in the CSP means it and nothing else on disk);
 * `secure` treats it like https; `supportFetchAPI` lets pdf.js fetch its worker and fonts. No `bypassCSP`, no
 * `corsEnabled`: no other origin may read from it.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** Content types of what the renderer build writes; anything else is served as bytes and never sniffed. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** The content type a UI file is served with. */
export function appContentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rendererDir` that an `app:` URL names, or null when it names none: another host, an encoded
 * separator or NUL, or any path that would leave the folder (`..`, absolute). `/` is the UI document.
 */
export function resolveAppAsset(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Encoded separators and NUL are never part of a name the build writes; refusing them closes tricks on both OSes.
  if (path.includes('\0') || path.includes('\\') || /%2f|%5c/i.test(parsed.pathname)) return null;
  const relativePath = normalize(path === '/' ? 'index.html' : path.replace(/^\/+/, ''));
  if (isAbsolute(relativePath)) return null;
  const file = join(rendererDir, relativePath);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}
