import { shouldAllowNavigation } from './shouldAllowNavigation';

/** Permissions Hearth's own UI may use. Empty: Hearth needs no camera, microphone, location or notifications. */
export const DEFAULT_ALLOWED_PERMISSIONS: readonly string[] = [];

/** A permission request or check, as the session handlers see it. */
export interface PermissionQuery {
  /** Electron's permission name, e.g. `media`, `notifications`, `clipboard-read`. */
  permission: string;
  /** The URL of the frame asking; empty when Electron does not say. */
  requestingUrl: string;
}

/** What may be granted. */
export interface PermissionPolicyOptions {
  /** The UI document's URL: only it may be granted anything. */
  appUrl: string;
  /** Permissions that may be granted to the UI; `DEFAULT_ALLOWED_PERMISSIONS` when omitted. */
  allowed?: readonly string[];
}

/**
 * Deny by default: a permission is granted only when it is on the allow-list and Hearth's own UI asks for it.
 * Used for both `setPermissionRequestHandler` and `setPermissionCheckHandler`, so the two never disagree.
 */
export function isPermissionGranted(query: PermissionQuery, options: PermissionPolicyOptions): boolean {
  const allowed = options.allowed ?? DEFAULT_ALLOWED_PERMISSIONS;
  if (!allowed.includes(query.permission)) return false;
  return shouldAllowNavigation(query.requestingUrl, options.appUrl);
}
