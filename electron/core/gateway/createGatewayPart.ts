import { join } from 'node:path';
import type { ApiKeyLimits, GatewayInfo } from '../../shared/gatewaySchemas';
import type { AuditLog } from '../audit/AuditLog';
import type { Part, PartContext } from '../lifecycle/PartContext';
import { ApiKeyStore, DAY_MS } from './ApiKeyStore';
import { GatewayAudit } from './GatewayAudit';
import { GatewayKeys } from './GatewayKeys';

/** Limits of a key made without its own. */
export const GATEWAY_DEFAULTS: ApiKeyLimits = { requestsPerMinute: 120, concurrentStreams: 4 };
/** Largest gateway request body: a long chat with its history fits, a document does not (those go through uploads). */
export const GATEWAY_MAX_BODY_BYTES = 1024 * 1024;

type Endpoints = Pick<GatewayInfo, 'openaiBaseUrl' | 'mcpUrl' | 'grpcAddress'>;

/**
 * What a shell that serves the gateway uses: the keys (verify, add a key file), the batched audit, and where it
 * announces its addresses for Settings → Connect other apps.
 */
export interface GatewayShell {
  readonly keys: Pick<GatewayKeys, 'verify' | 'addSource'>;
  readonly audit: Pick<GatewayAudit, 'record'>;
  readonly defaults: ApiKeyLimits;
  readonly maxBodyBytes: number;
  /** Tells the UI where the gateway listens; returns the withdrawal (the server closed). */
  announce(endpoints: Partial<Endpoints>): () => void;
}

/**
 * Gateway API keys (the `api-key` caller class): stored hashed in `gateway/keys.json`, managed over the contract by
 * callers on this computer only, every change audited.
 */
export async function createGatewayPart(
  ctx: PartContext,
  deps: { audit: AuditLog },
): Promise<
  Part<
    { gateway: GatewayShell; apiKeys: ApiKeyStore },
    'gateway.info' | 'gateway.keys.list' | 'gateway.keys.create' | 'gateway.keys.revoke' | 'gateway.keys.rotate'
  >
> {
  const store = ctx.disposables.add(
    'api keys',
    await ApiKeyStore.open({
      file: join(ctx.paths.root, 'gateway', 'keys.json'),
      defaults: GATEWAY_DEFAULTS,
      onError: (error) => ctx.logger.warn({ err: error }, 'API key use counts not written; retried at the next use'),
    }),
  );
  const keys = new GatewayKeys(store);
  const audit = ctx.disposables.add(
    'gateway audit',
    new GatewayAudit({
      audit: deps.audit,
      onError: (error) => ctx.logger.error({ err: error }, 'gateway requests went unaudited'),
    }),
  );
  let endpoints: Endpoints = { openaiBaseUrl: null, mcpUrl: null, grpcAddress: null };
  const gateway: GatewayShell = {
    keys,
    audit,
    defaults: GATEWAY_DEFAULTS,
    maxBodyBytes: GATEWAY_MAX_BODY_BYTES,
    announce: (announced) => {
      const before = endpoints;
      endpoints = { ...endpoints, ...announced };
      return () => {
        endpoints = before;
      };
    },
  };
  return {
    services: { gateway, apiKeys: store },
    handlers: {
      'gateway.info': () => ({ ...endpoints, defaults: GATEWAY_DEFAULTS, maxBodyBytes: GATEWAY_MAX_BODY_BYTES }),
      'gateway.keys.list': () => ({ keys: keys.list() }),
      'gateway.keys.create': (input) => store.create(input),
      'gateway.keys.revoke': ({ id }) => store.revoke(id),
      'gateway.keys.rotate': ({ id, graceHours }) => store.rotate(id, (graceHours ?? 24) * (DAY_MS / 24)),
    },
  };
}
