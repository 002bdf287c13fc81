import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { GatewayShell } from '../../../core/gateway/createGatewayPart';
import type { GatewayRequestRecord } from '../../../core/gateway/GatewayAudit';
import type { GatewayScope } from '../../../shared/gatewaySchemas';
import { GatewayAuth, type GatewayKey } from '../GatewayAuth';
import { StreamSlots } from '../StreamSlots';
import { KeyRateWindow } from './KeyRateWindow';

/** How a call ended, for the audit log. */
type Outcome = GatewayRequestRecord['outcome'];

/** One admitted call: its key, and how to record its end (once; later calls are ignored). */
export interface AdmittedCall {
  key: GatewayKey;
  /** Audits the call's end with its gRPC status code and releases its stream slot, if it took one. */
  finish(code: status): void;
}

/** A refusal or failure to send as the call's status: its `details` are for people, never Hearth's inside. */
export function grpcError(code: status, details: string, trailers?: Record<string, string>): ServiceError {
  const metadata = new Metadata();
  for (const [name, value] of Object.entries(trailers ?? {})) metadata.set(name, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

const OUTCOMES: Partial<Record<status, Outcome>> = {
  [status.OK]: 'ok',
  [status.CANCELLED]: 'ok',
  [status.UNAUTHENTICATED]: 'refused',
  [status.PERMISSION_DENIED]: 'refused',
  [status.RESOURCE_EXHAUSTED]: 'limited',
};

/**
 * The gRPC server's gate, the same as /v1's and /mcp's: the `authorization: Bearer <key>` metadata must name a live
 * key with the method's scope (UNAUTHENTICATED / PERMISSION_DENIED), within its requests a minute
 * (RESOURCE_EXHAUSTED with `retry-after` seconds and `grpc-retry-pushback-ms`) and, for streams, its open streams.
 * Every call is audited with the key id, scope, method and outcome (`status` is the gRPC status code).
 */
export class GrpcGuard {
  readonly #auth: GatewayAuth;
  readonly #rate = new KeyRateWindow();
  readonly #streams = new StreamSlots();

  constructor(private readonly gateway: Pick<GatewayShell, 'keys' | 'audit'>) {
    this.#auth = new GatewayAuth(gateway.keys);
  }

  /** Admits a call to `method` or throws the ServiceError to answer it with (already audited). */
  admit(metadata: Metadata, method: string, scope: GatewayScope, options: { stream: boolean }): AdmittedCall {
    const header = metadata.get('authorization')[0];
    const result = this.#auth.authenticate(typeof header === 'string' ? header : undefined, scope);
    if (!result.ok) {
      const code = result.status === 401 ? status.UNAUTHENTICATED : status.PERMISSION_DENIED;
      this.#audit(method, null, scope, code);
      throw grpcError(code, result.message);
    }
    const { key } = result;
    const rate = this.#rate.take(key.id, key.limits.requestsPerMinute);
    if (!rate.allowed) {
      this.#audit(method, key.id, scope, status.RESOURCE_EXHAUSTED);
      const seconds = Math.ceil(rate.retryAfterMs / 1000);
      throw grpcError(
        status.RESOURCE_EXHAUSTED,
        `This API key may make ${key.limits.requestsPerMinute} requests a minute; try again in ${seconds} s.`,
        { 'retry-after': String(seconds), 'grpc-retry-pushback-ms': String(rate.retryAfterMs) },
      );
    }
    const release = options.stream ? this.#streams.acquire(key.id, key.limits.concurrentStreams) : () => undefined;
    if (!release) {
      this.#audit(method, key.id, scope, status.RESOURCE_EXHAUSTED);
      throw grpcError(
        status.RESOURCE_EXHAUSTED,
        `This API key may keep ${key.limits.concurrentStreams} streams open at once; end one first.`,
      );
    }
    let finished = false;
    return {
      key,
      finish: (code) => {
        if (finished) return;
        finished = true;
        release();
        this.#audit(method, key.id, scope, code);
      },
    };
  }

  #audit(method: string, keyId: string | null, scope: GatewayScope, code: status): void {
    this.gateway.audit.record({
      method: 'GRPC',
      route: `/hearth.v1.Hearth/${method}`,
      keyId,
      scope,
      outcome: OUTCOMES[code] ?? 'failed',
      status: code,
      call: method,
    });
  }
}
