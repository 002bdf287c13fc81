import type { Logger } from 'pino';
import type { GatewayScope } from '../../../shared/gatewaySchemas';
import { scopesAllow } from '../../../shared/gatewayScopes';
import type { HearthApi } from '../../../shared/hearthApi';
import type { Result } from '../../../shared/result';
import type { GatewayKey } from '../GatewayAuth';

/** How a call ended, as the audit log keeps it. */
type McpCallOutcome = 'ok' | 'refused' | 'limited' | 'failed';

/** What every MCP tool and resource handler of one HTTP request works with. */
export interface McpCallContext {
  /** The contract as this key's `api-key` caller (the Dispatcher checks its scopes again). */
  api: HearthApi;
  key: GatewayKey;
  /** Aborted when the HTTP request ends before its answer (the client went away). */
  signal: AbortSignal;
  /** Takes one of the key's stream slots until the request ends; false when the key is at its limit. */
  acquireStream(): boolean;
  /** Audits one tool call or resource read (the key id, the scope, the outcome). */
  audit(call: string, scope: GatewayScope, outcome: McpCallOutcome): void;
  logger: Logger;
}

/** A failure the MCP client may read as it is: its message says what to do and nothing of Hearth's inside. */
export class McpCallError extends Error {
  constructor(
    message: string,
    /** `refused`: the key may not do this; `limited`: not now (a limit); `failed`: it may, but it did not work. */
    readonly outcome: Exclude<McpCallOutcome, 'ok'> = 'failed',
  ) {
    super(message);
    this.name = 'McpCallError';
  }
}

/** Refuses a call the key's scopes do not cover, before anything runs. */
function requireScope(ctx: McpCallContext, scope: GatewayScope, call: string): void {
  if (!scopesAllow(ctx.key.scopes, scope)) {
    throw new McpCallError(`This API key does not have the "${scope}" scope needed for ${call}.`, 'refused');
  }
}

/** The value of a contract call, or its error (already worded for people by the core) as an McpCallError. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new McpCallError(result.error.message, result.error.code === 'PERMISSION_DENIED' ? 'refused' : 'failed');
  }
  return result.value;
}

/**
 * Runs one call under `scope` and audits it; anything but an McpCallError is logged and reaches the client as a
 * plain sentence, never a stack or a path.
 */
export async function auditedCall<T>(
  ctx: McpCallContext,
  call: string,
  scope: GatewayScope,
  run: () => Promise<T>,
): Promise<T> {
  try {
    requireScope(ctx, scope, call);
    const value = await run();
    ctx.audit(call, scope, 'ok');
    return value;
  } catch (error) {
    if (error instanceof McpCallError) {
      ctx.audit(call, scope, error.outcome);
      throw error;
    }
    ctx.audit(call, scope, 'failed');
    ctx.logger.error({ err: error, call }, 'an MCP call failed');
    throw new McpCallError(`Hearth could not finish ${call}. Details are in its log.`);
  }
}
