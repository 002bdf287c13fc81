import type { Logger } from 'pino';
import type { z } from 'zod';
import type {
  CallChannel,
  ContractEntry,
  ItemOf,
  OutputOf,
  ParsedInputOf,
  StreamChannel,
} from '../../shared/contractTypes';
import type { Contract } from '../../shared/contract';
import { contract, isChannel } from '../../shared/contract';
import { HearthError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import { describeIssues, toErrorData } from './toErrorData';
import { StreamGauge } from './StreamGauge';

/** Who is calling; handlers may use it for audit entries. */
export interface CallContext {
  /** The transport the call came through. */
  readonly origin: 'ipc' | 'ws' | 'internal';
  /**
   * A WebSocket client on the computer Hearth runs on (loopback peer, server allows it): it may name paths on this
   * disk, as the desktop app does. Absent means no.
   */
  readonly localPaths?: boolean;
  /** Aborted when the caller cancels (streams) or disconnects. */
  readonly signal: AbortSignal;
}

/** Whether the caller may name files and folders on Hearth's disk (a browser elsewhere must upload instead). */
export function mayNamePaths(ctx: CallContext): boolean {
  return ctx.origin !== 'ws' || ctx.localPaths === true;
}

export interface StreamContext<T> extends CallContext {
  /** Sends one item to the caller. Items after cancellation are dropped. */
  emit(item: T): void;
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

/**
 * The core side of the contract: validates every input against its schema, runs the handler, validates
 * the output (so nothing outside the schema — a secret, a stack — can leave), and maps errors to codes.
 */
export class Dispatcher {
  readonly #streams: StreamGauge;

  /** @param streams counts running streams; pass the one diagnostics reads. */
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
    streams: StreamGauge = new StreamGauge(),
  ) {
    this.#streams = streams;
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
    const input = parse(entry.value.input, rawInput);
    if (!input.ok) return input;
    try {
      const handler = this.handlers[channel as CallChannel<Contract>] as (i: unknown, c: CallContext) => unknown;
      const output = await handler(input.value, ctx);
      return this.#checkOutput(channel, entry.value, output);
    } catch (error) {
      return { ok: false, error: toErrorData(error, this.logger, { channel }) };
    }
  }

  async stream(
    channel: string,
    rawInput: unknown,
    ctx: CallContext,
    emit: (item: unknown) => void,
  ): Promise<Result<unknown>> {
    const entry = this.#entry(channel, ['stream']);
    if (!entry.ok) return entry;
    const input = parse(entry.value.input, rawInput);
    if (!input.ok) return input;
    const itemSchema = (entry.value as Extract<ContractEntry, { kind: 'stream' }>).item;
    this.#streams.opened();
    try {
      const handler = this.handlers[channel as StreamChannel<Contract>] as (
        i: unknown,
        c: StreamContext<unknown>,
      ) => Promise<unknown>;
      const output = await handler(input.value, {
        ...ctx,
        emit: (item) => {
          if (ctx.signal.aborted) return;
          const parsed = itemSchema.safeParse(item);
          if (!parsed.success) throw new HearthError('INTERNAL', `Stream ${channel} produced an invalid item.`);
          emit(parsed.data);
        },
      });
      if (ctx.signal.aborted) return err('CANCELLED', 'Cancelled.');
      return this.#checkOutput(channel, entry.value, output);
    } catch (error) {
      if (ctx.signal.aborted) return err('CANCELLED', 'Cancelled.');
      return { ok: false, error: toErrorData(error, this.logger, { channel }) };
    } finally {
      this.#streams.closed();
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
