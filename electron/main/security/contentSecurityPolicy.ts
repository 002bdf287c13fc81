/**
 * The UI's Content-Security-Policy, the same text as the headless shell's (electron/server/securityHeaders.ts) and
 * renderer/index.html. The Electron shell may not import electron/server (layering), so the text is repeated here
 * and a unit test keeps the copies equal.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' hearth:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What `webRequest.onHeadersReceived` tells about a response. */
export interface ResponseDetails {
  /** Chromium's resource type; only documents carry a CSP that matters. */
  resourceType: string;
  /** The response's headers as received. */
  responseHeaders?: Record<string, string[]>;
}

/**
 * The headers to answer with: a document (main frame or frame) gets Hearth's CSP in place of any the response
 * brought; other responses pass unchanged. The `<meta>` CSP in index.html cannot carry `frame-ancestors`; this does.
 */
export function withContentSecurityPolicy(details: ResponseDetails): Record<string, string[]> {
  const headers = { ...(details.responseHeaders ?? {}) };
  if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return headers;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'content-security-policy') delete headers[name];
  }
  headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return headers;
}
