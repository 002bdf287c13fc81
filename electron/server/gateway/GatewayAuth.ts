import type { ApiKeyLimits, GatewayScope } from '../../shared/gatewaySchemas';
import { scopesAllow } from '../../shared/gatewayScopes';
import type { GatewayKeys } from '../../core/gateway/GatewayKeys';

/** The key a gateway request was made with, as routes see it (`request.gatewayKey`). */
export interface GatewayKey {
  id: string;
  name: string;
  scopes: GatewayScope[];
  limits: ApiKeyLimits;
}

/** A refusal a route sends as it is; `message` tells the caller what to do and nothing about Hearth's inside. */
export interface GatewayRefusal {
  ok: false;
  status: 401 | 403;
  code: 'missing_api_key' | 'invalid_api_key' | 'insufficient_scope';
  message: string;
}

export type GatewayAuthResult = { ok: true; key: GatewayKey } | GatewayRefusal;

/**
 * The gateway's one check of a caller: `Authorization: Bearer <key>` must name a live key (made in the app, or in
 * the server's key file) that holds `scope` (`null`: any live key). Unknown, revoked and expired keys read the same
 * to the caller, so probing learns nothing.
 *
 * Interface for /v1, /mcp and gRPC: `authenticate(header, scope)` → `{ ok: true, key }` or `{ ok: false, status,
 * code, message }`; HTTP routes get it done for them by `registerGatewayAuth` (request.gatewayKey).
 */
export class GatewayAuth {
  constructor(private readonly keys: Pick<GatewayKeys, 'verify'>) {}

  authenticate(authorization: string | undefined, scope: GatewayScope | null): GatewayAuthResult {
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      return refuse(
        401,
        'missing_api_key',
        'Send an API key as "Authorization: Bearer <key>" (Settings → Connect other apps).',
      );
    }
    const check = this.keys.verify(match[1]);
    if (!check.ok) {
      return refuse(401, 'invalid_api_key', 'The API key is not valid: it is unknown, revoked or expired.');
    }
    if (!scopesAllow(check.key.scopes, scope)) {
      return refuse(403, 'insufficient_scope', `This API key does not have the "${scope}" scope needed here.`);
    }
    return { ok: true, key: check.key };
  }
}

function refuse(status: GatewayRefusal['status'], code: GatewayRefusal['code'], message: string): GatewayRefusal {
  return { ok: false, status, code, message };
}
