import type { Settings } from '../../shared/settings';

/**
 * Secrets that go to an endpoint the user configured, with the endpoint each is bound to: the origin of the fallback
 * model server, the host and port of the PostgreSQL server, the origin of an external S3 endpoint. A secret is revealed only for the endpoint it was saved
 * for, so re-pointing the setting never sends the old secret elsewhere (the user is asked for it again).
 */
const BINDINGS: Record<string, (settings: Settings) => string> = {
  'remote-endpoint-key': (settings) => remoteEndpointOf(settings.fallback.remoteBaseUrl),
  'postgres-password': (settings) => postgresEndpointOf(settings.storage.postgresUrl),
  's3-secret-key': (settings) => remoteEndpointOf(settings.storage.s3Endpoint),
};

/** The endpoint a secret is bound to under these settings ('' when none is configured); null: not a bound secret. */
export function boundEndpointOf(name: string, settings: Settings): string | null {
  const binding = BINDINGS[name];
  return binding ? binding(settings) : null;
}

/** `scheme://host:port` of a model server or S3 endpoint address; '' for an empty or invalid one. */
export function remoteEndpointOf(baseUrl: string): string {
  try {
    return baseUrl ? new URL(baseUrl).origin : '';
  } catch {
    return '';
  }
}

/**
 * `host:port` of a PostgreSQL address (5432 by default); '' for an empty or invalid one. Settings refuse the `host`
 * and `port` query keys (POSTGRES_QUERY_KEYS), so this is where the client connects.
 */
export function postgresEndpointOf(url: string): string {
  try {
    const parsed = url ? new URL(url) : null;
    return parsed?.hostname ? `${parsed.hostname.toLowerCase()}:${parsed.port || '5432'}` : '';
  } catch {
    return '';
  }
}
