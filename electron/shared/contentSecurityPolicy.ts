import { HEARTH_SCHEME } from './originalUrl';

/** Options for `contentSecurityPolicy`. */
export interface ContentSecurityPolicyOptions {
  /**
   * Let the page fetch `hearth:` URLs: the desktop app serves originals there. The headless shell serves them from
   * its own origin, so its header leaves the scheme out.
   */
  hearthScheme: boolean;
  /** For a `<meta>` tag, which cannot carry `frame-ancestors` (browsers ignore it there); headers carry it. */
  meta?: boolean;
}

/**
 * The UI's Content-Security-Policy, the one source of the Electron shell's header, the headless shell's header and
 * the `<meta>` that the renderer build writes into index.html: only Hearth's own scripts, styles and fonts; no
 * inline or eval'd script, plugins, base or form tricks, or framing.
 */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    options.hearthScheme ? `connect-src 'self' ${HEARTH_SCHEME}:` : "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(options.meta ? [] : ["frame-ancestors 'none'"]),
  ].join('; ');
}
