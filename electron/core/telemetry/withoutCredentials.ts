import type { Settings } from '../../shared/settings';

/**
 * Settings for a bundle. Secrets never live in settings (they are in the keychain), but an address may carry a user
 * name or password the user typed into it: those parts go.
 */
export function withoutCredentials(settings: Settings): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(settings, (_key, value: unknown) =>
      typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? stripUserInfo(value) : value,
    ),
  ) as Record<string, unknown>;
}

function stripUserInfo(address: string): string {
  return address.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1');
}
