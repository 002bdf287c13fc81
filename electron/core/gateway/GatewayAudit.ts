import type { GatewayScope } from '../../shared/gatewaySchemas';
import type { AuditSink } from '../rpc/Dispatcher';

/** One gateway request as the audit log keeps it: never the key, only its id. */
export interface GatewayRequestRecord {
  method: string;
  /** The route pattern (`/v1/chat/completions`), or the path cut to 128 characters where no route matched. */
  route: string;
  /** Null when no valid key was presented. */
  keyId: string | null;
  scope: GatewayScope | null;
  outcome: 'ok' | 'refused' | 'limited' | 'failed';
  status: number;
  /** A tool or method inside the request (an MCP tool, a gRPC call), when there is one. */
  call?: string;
}

/** Options for the gateway's audit. */
export interface GatewayAuditOptions {
  audit: AuditSink;
  /** Longest a record waits before it is written, ms. Default 2 s. */
  flushMs?: number;
  /** Most records one batch keeps; beyond it they are counted as `dropped` (a flood of refusals). Default 1,000. */
  maxBatch?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Every gateway request goes to the audit log, batched: one entry per key per flush (`actor: gateway:<key id>`,
 * action `gateway.requests`), so a busy key costs one chained write every couple of seconds, not one per request.
 */
export class GatewayAudit {
  #batch: (GatewayRequestRecord & { at: string })[] = [];
  #dropped = 0;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: GatewayAuditOptions) {}

  record(record: GatewayRequestRecord): void {
    if (this.#batch.length >= (this.options.maxBatch ?? 1_000)) this.#dropped += 1;
    else this.#batch.push({ ...record, at: new Date(this.options.now?.() ?? Date.now()).toISOString() });
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.flushMs ?? 2_000);
    this.#timer.unref();
  }

  /** Writes what is batched now. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#batch;
    const dropped = this.#dropped;
    this.#batch = [];
    this.#dropped = 0;
    const run = async () => {
      const byActor = new Map<string, Record<string, unknown>[]>();
      for (const { keyId, ...rest } of batch) {
        const actor = `gateway:${keyId ?? 'no-key'}`;
        byActor.set(actor, [...(byActor.get(actor) ?? []), rest]);
      }
      for (const [actor, requests] of byActor) {
        await this.options.audit.append({ actor, action: 'gateway.requests', data: { requests } });
      }
      if (dropped > 0)
        await this.options.audit.append({ actor: 'gateway', action: 'gateway.dropped', data: { dropped } });
    };
    const next = this.#flushing.then(run, run);
    this.#flushing = next.catch(() => undefined);
    return next;
  }

  async dispose(): Promise<void> {
    await this.flush();
  }
}
