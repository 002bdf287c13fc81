import { contentSecurityPolicy } from '../shared/contentSecurityPolicy';

/** The headless shell's policy: originals come from its own origin (`/api/originals/<id>`), not `hearth:`. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ hearthScheme: false });

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
