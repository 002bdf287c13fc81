import type { Logger } from 'pino';
import type { z } from 'zod';
import type {
  Access,
  CallChannel,
  CallerClass,
  ContractEntry,
  ItemOf,
  OutputOf,
  ParsedInputOf,
  StreamChannel,
} from '../../shared/contractTypes';
import type { Contract } from '../../shared/contract';
import { contract, isChannel } from '../../shared/contract';
import type { GatewayScope } from '../../shared/gatewaySchemas';
import { scopeOfChannel, scopesAllow } from '../../shared/gatewayScopes';
import { LOCAL_CALLERS, LOCAL_ONLY_MESSAGE } from '../../shared/contractTypes';
import { HearthError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import { describeIssues, toErrorData } from './toErrorData';
import { StreamGauge } from './StreamGauge';
import { withRemoteParent, withSpan } from '../telemetry/hearthTelemetry';

/** Who is calling; handlers may use it for audit entries. */
export interface CallContext {
  /** The transport the call came through (it decides the shape of links to originals). */
  readonly origin: 'ipc' | 'ws' | 'internal';
  /**
   * Who is calling, decided once by the transport (RpcSession). Absent: the core itself when `origin` is `internal`,
   * else the least trusted class (`remote-browser`), so a context built without one never gains rights.
   */
  readonly caller?: CallerClass;
  /** What an `api-key` caller's key may do (gatewayScopes.ts maps channels to scopes); other callers ignore it. */
  readonly scopes?: readonly GatewayScope[];
  /** Aborted when the caller cancels (streams) or disconnects. */
  readonly signal: AbortSignal;
  /** The caller's W3C trace context: the call's span continues that trace (a gateway request's, say). */
  readonly traceparent?: string;
}

/** The caller class of a call; `internal` for calls the core makes itself. */
function callerOf(ctx: Pick<CallContext, 'origin' | 'caller'>): CallerClass | 'internal' {
  if (ctx.caller) return ctx.caller;
  return ctx.origin === 'internal' ? 'internal' : 'remote-browser';
}

/** Whether the caller is on Hearth's computer: the core itself, the desktop app, or a browser there. */
export function isLocalCaller(ctx: Pick<CallContext, 'origin' | 'caller'>): boolean {
  const caller = callerOf(ctx);
  return caller === 'internal' || LOCAL_CALLERS.includes(caller);
}

/** Whether the caller may name files and folders on Hearth's disk (a browser elsewhere must upload instead). */
export function mayNamePaths(ctx: CallContext): boolean {
  return isLocalCaller(ctx);
}

/** Whether an entry's access level admits this caller with this (parsed) input. */
function admits(access: Access, input: unknown, ctx: Pick<CallContext, 'origin' | 'caller'>): boolean {
  if (access === 'any' || isLocalCaller(ctx)) return true;
  if (access === 'local') return false;
  return !access.localWhen(input);
}

export interface StreamContext<T> extends CallContext {
  /**
   * Sends one item to the caller (items after cancellation are dropped). Resolves when the transport can take more:
   * a producer that loops awaits it, so a client that stops reading pauses the work instead of filling memory.
   */
  emit(item: T): Promise<void>;
}

type CallHandler<K extends CallChannel<Contract>> = (
  input: ParsedInputOf<Contract[K]>,
  ctx: CallContext,
) => Promise<OutputOf<Contract[K]>> | OutputOf<Contract[K]>;
type StreamHandler<K extends StreamChannel<Contract>> = (
  input: ParsedInputOf<Contract[K]>,
  ctx: StreamContext<ItemOf<Contract[K]>>,
) => Promise<OutputOf<Contract[K]>>;

/** One implementation per non-event channel; `createCore` assembles it from the services. */
export type Handlers = { [K in CallChannel<Contract>]: CallHandler<K> } & {
  [K in StreamChannel<Contract>]: StreamHandler<K>;
};

/** Where audited calls (contract entries with `audit`) are recorded: the audit log. */
export interface AuditSink {
  append(record: { actor: string; action: string; data?: Record<string, unknown> }): Promise<unknown>;
}

/**
 * The core side of the contract: validates every input against its schema, runs the handler, validates
 * the output (so nothing outside the schema — a secret, a stack — can leave), and maps errors to codes.
 */
export class Dispatcher {
  readonly #streams: StreamGauge;
  readonly #audit: AuditSink | null;

  /**
   * @param streams counts running streams; pass the one diagnostics reads.
   * @param audit records the calls of entries that declare `audit`, with their caller.
   */
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
    streams: StreamGauge = new StreamGauge(),
    audit: AuditSink | null = null,
  ) {
    this.#streams = streams;
    this.#audit = audit;
  }

  /** Streams currently running, for diagnostics and tests that prove cancellation. */
  get activeStreams(): number {
    return this.#streams.active;
  }

  /** Checks a request without running it, so a transport can refuse junk before it counts toward limits. */
  check(channel: string, rawInput: unknown, kind: 'call' | 'stream'): Result<unknown> {
    const entry = this.#entry(channel, kind === 'stream' ? ['stream'] : ['query', 'mutation']);
    if (!entry.ok) return entry;
    return parse(entry.value.input, rawInput);
  }

  async call(channel: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const entry = this.#entry(channel, ['query', 'mutation']);
    if (!entry.ok) return entry;
    const input = this.#admit(channel, entry.value, rawInput, ctx);
    if (!input.ok) return input;
    try {
      const handler = this.handlers[channel as CallChannel<Contract>] as (i: unknown, c: CallContext) => unknown;
      const output = await traced(channel, ctx, () => Promise.resolve(handler(input.value, ctx)));
      const checked = this.#checkOutput(channel, entry.value, output);
      if (checked.ok) await this.#record(channel, entry.value, input.value, checked.value, ctx);
      return checked;
    } catch (error) {
      return { ok: false, error: toErrorData(error, this.logger, { channel }) };
    }
  }

  async stream(
    channel: string,
    rawInput: unknown,
    ctx: CallContext,
    /** Delivers one item; a promise it returns is the transport's backpressure (see StreamContext.emit). */
    emit: (item: unknown) => unknown,
  ): Promise<Result<unknown>> {
    const entry = this.#entry(channel, ['stream']);
    if (!entry.ok) return entry;
    const input = this.#admit(channel, entry.value, rawInput, ctx);
    if (!input.ok) return input;
    const itemSchema = (entry.value as Extract<ContractEntry, { kind: 'stream' }>).item;
    this.#streams.opened();
    try {
      const handler = this.handlers[channel as StreamChannel<Contract>] as (
        i: unknown,
        c: StreamContext<unknown>,
      ) => Promise<unknown>;
      const output = await traced(channel, ctx, () =>
        handler(input.value, {
          ...ctx,
          // Not async: an invalid item throws into the producer at once, awaited or not.
          emit: (item) => {
            if (ctx.signal.aborted) return Promise.resolve();
            const parsed = itemSchema.safeParse(item);
            if (!parsed.success) throw new HearthError('INTERNAL', `Stream ${channel} produced an invalid item.`);
            const sent = emit(parsed.data);
            return sent instanceof Promise ? sent.then(() => undefined) : Promise.resolve();
          },
        }),
      );
      if (ctx.signal.aborted) return err('CANCELLED', 'Cancelled.');
      return this.#checkOutput(channel, entry.value, output);
    } catch (error) {
      if (ctx.signal.aborted) return err('CANCELLED', 'Cancelled.');
      return { ok: false, error: toErrorData(error, this.logger, { channel }) };
    } finally {
      this.#streams.closed();
    }
  }

  /**
   * The caller's right to the entry, then its input: a caller that may never use the entry is refused before its input
   * is even parsed; an input-dependent level (`localWhen`) is judged on the parsed input.
   */
  #admit(
    channel: string,
    entry: Exclude<ContractEntry, { kind: 'event' }>,
    rawInput: unknown,
    ctx: CallContext,
  ): Result<unknown> {
    const refused = (): Result<unknown> => {
      this.logger.warn({ channel, caller: callerOf(ctx) }, 'refused a call this caller may not make');
      return err('PERMISSION_DENIED', LOCAL_ONLY_MESSAGE);
    };
    if (entry.access === 'local' && !isLocalCaller(ctx)) return refused();
    if (callerOf(ctx) === 'api-key' && !scopesAllow(ctx.scopes ?? [], scopeOfChannel(channel))) {
      this.logger.warn({ channel, scopes: ctx.scopes }, "refused a call outside the API key's scopes");
      return err('PERMISSION_DENIED', 'This API key does not have the scope for that call.');
    }
    const input = parse(entry.input, rawInput);
    if (input.ok && !admits(entry.access, input.value, ctx)) return refused();
    return input;
  }

  /**
   * The change has happened by now: an audit failure (Hearth stopping, no keychain for the log's key) is logged as an
   * error rather than reported as a failed change, which the caller would then believe did not happen.
   */
  async #record(
    channel: string,
    entry: Exclude<ContractEntry, { kind: 'event' }>,
    input: unknown,
    output: unknown,
    ctx: CallContext,
  ): Promise<void> {
    const audit = 'audit' in entry ? entry.audit : undefined;
    if (!audit || !this.#audit) return;
    const record = { actor: callerOf(ctx), action: channel, data: audit.data(input, output) };
    try {
      await this.#audit.append(record);
    } catch (error) {
      this.logger.error({ err: error, record }, 'a change went unaudited');
    }
  }

  #entry(channel: string, kinds: ContractEntry['kind'][]): Result<Exclude<ContractEntry, { kind: 'event' }>> {
    if (!isChannel(channel)) return err('INVALID_INPUT', `Unknown channel "${channel.slice(0, 64)}".`);
    const entry: ContractEntry = contract[channel];
    if (entry.kind === 'event' || !kinds.includes(entry.kind)) {
      return err('INVALID_INPUT', `Channel "${channel}" is a ${entry.kind}, not a ${kinds.join(' or ')}.`);
    }
    return ok(entry);
  }

  #checkOutput(channel: string, entry: Exclude<ContractEntry, { kind: 'event' }>, output: unknown): Result<unknown> {
    const parsed = entry.output.safeParse(output);
    if (parsed.success) return ok(parsed.data);
    this.logger.error({ channel, issues: parsed.error.issues }, 'handler output does not match the contract');
    return err('INTERNAL', 'Something went wrong inside Hearth. Details are in the log.');
  }
}

function parse(schema: z.ZodType, raw: unknown): Result<unknown> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err('INVALID_INPUT', describeIssues(parsed.error));
}

/** Channels the Diagnostics screen polls or holds open: spans of theirs would crowd out the ones worth seeing. */
const UNTRACED: ReadonlySet<string> = new Set([
  'telemetry.recent',
  'diagnostics.ping',
  'diagnostics.watch',
  'diagnostics.loopback',
]);

/** A span for one contract call, in the caller's trace when it sent one (so inner spans nest under it). */
function traced<T>(channel: string, ctx: CallContext, run: () => Promise<T>): Promise<T> {
  if (UNTRACED.has(channel)) return run();
  return withRemoteParent(ctx.traceparent, () =>
    withSpan(`rpc ${channel}`, { 'rpc.method': channel, 'hearth.caller': callerOf(ctx) }, run),
  );
}
