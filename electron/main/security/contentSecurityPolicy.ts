import { contentSecurityPolicy } from '../../shared/contentSecurityPolicy';

/** The desktop app's header policy: its pages also fetch originals from the `hearth:` scheme. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ hearthScheme: true });

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
