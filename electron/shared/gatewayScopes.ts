import type { GatewayScope } from './gatewaySchemas';

// Channel names as strings, not the contract's `Channel` type: a channel added to the contract later is `admin` until
// it is listed here, the safe default.

/**
 * Channels every key may call whatever its scopes (who am I talking to, is it alive, which models it has: a `search`
 * key names its embedding model too).
 */
const EVERY_KEY: readonly string[] = ['app.info', 'diagnostics.ping', 'models.list'];
const BY_SCOPE: Record<Exclude<GatewayScope, 'admin'>, readonly string[]> = {
  chat: [
    'chat.ask',
    'chat.send',
    'chat.reset',
    'chat.complete',
    'runtime.status',
    'conversations.list',
    'conversations.get',
    'conversations.create',
    'conversations.update',
    'conversations.delete',
    'conversations.export',
  ],
  search: [
    'library.search',
    'runtime.embed',
    'library.documents',
    'library.list',
    'library.get',
    'library.passage',
    'library.versions',
    'library.collections.list',
    'code.outline',
    'code.definition',
  ],
  ingest: ['library.ingest', 'library.retry', 'library.cancel', 'library.dismiss', 'staging.stat', 'staging.discard'],
};

/** The scope a contract channel needs from an API key: one of the three named, else `admin`. */
export function scopeOfChannel(channel: string): GatewayScope | null {
  if (EVERY_KEY.includes(channel)) return null;
  for (const scope of ['chat', 'search', 'ingest'] as const) if (BY_SCOPE[scope].includes(channel)) return scope;
  return 'admin';
}

/** Whether a key with `scopes` may act in `scope` (`admin` holds them all; null needs none). */
export function scopesAllow(scopes: readonly GatewayScope[], scope: GatewayScope | null): boolean {
  return scope === null || scopes.includes('admin') || scopes.includes(scope);
}
