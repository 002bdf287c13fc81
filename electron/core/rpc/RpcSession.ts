import type { Logger } from 'pino';
import type { CallerClass } from '../../shared/contractTypes';
import type { GatewayScope } from '../../shared/gatewaySchemas';
import type { ServerMessage } from '../../shared/wire';
import { ClientMessageSchema } from '../../shared/wire';
import type { CallContext, Dispatcher } from './Dispatcher';
import type { EventBus } from './EventBus';

export interface RpcSessionOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  /** Delivers one message to this client (a WebSocket frame, a webContents.send). */
  send: (message: ServerMessage) => void;
  /**
   * Who the client is, decided by the transport that accepted it: `desktop` for the Electron window (IPC), a browser
   * class for a WebSocket. Every call of the session carries it (CallContext.caller).
   */
  caller: CallerClass;
  /** What an `api-key` caller's key may do; every call carries it (CallContext.scopes). */
  scopes?: readonly GatewayScope[];
  /** Most streams one client may run at once. */
  maxConcurrentStreams?: number;
  /**
   * Backpressure from the transport: undefined while the client keeps up, else a promise that settles once it has
   * taken enough of what was sent (or has gone). Stream producers wait for it; absent means never wait.
   */
  ready?: () => Promise<void> | undefined;
}

/**
 * One connected client, transport-agnostic: parses envelopes, runs calls and streams through the
 * dispatcher, cancels on request or disconnect, forwards core events. Both shells use this class.
 */
export class RpcSession {
  readonly #streams = new Map<number, AbortController>();
  readonly #calls = new AbortController();
  readonly #unsubscribe: () => void;
  #disposed = false;

  constructor(private readonly options: RpcSessionOptions) {
    this.#unsubscribe = options.events.onAny((ev, p) => this.#send({ t: 'event', ev, p }));
  }

  /** Handles one inbound message; never throws. */
  handle(raw: unknown): void {
    const parsed = ClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
        this.#send({
          t: 'result',
          id,
          r: { ok: false, error: { code: 'INVALID_INPUT', message: 'Malformed request.' } },
        });
      }
      this.options.logger.warn('dropped a malformed request envelope');
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'call':
        void this.options.dispatcher
          .call(message.ch, message.in, { ...this.#identity(message.tp), signal: this.#calls.signal })
          .then((r) => this.#send({ t: 'result', id: message.id, r }));
        return;
      case 'stream':
        this.#startStream(message.id, message.ch, message.in, message.tp);
        return;
      case 'cancel':
        this.#streams.get(message.id)?.abort();
        return;
    }
  }

  #startStream(id: number, channel: string, input: unknown, traceparent: string | undefined): void {
    const limit = this.options.maxConcurrentStreams ?? 64;
    const checked = this.options.dispatcher.check(channel, input, 'stream');
    if (!checked.ok) {
      this.#send({ t: 'end', id, r: checked });
      return;
    }
    if (this.#streams.has(id)) {
      this.#send({ t: 'end', id, r: { ok: false, error: { code: 'CONFLICT', message: 'Duplicate stream id.' } } });
      return;
    }
    if (this.#streams.size >= limit) {
      this.#send({
        t: 'end',
        id,
        r: { ok: false, error: { code: 'RATE_LIMITED', message: 'Too many open streams.' } },
      });
      return;
    }
    const controller = new AbortController();
    this.#streams.set(id, controller);
    void this.options.dispatcher
      .stream(channel, input, { ...this.#identity(traceparent), signal: controller.signal }, (v) => {
        this.#send({ t: 'item', id, v });
        return this.#ready(controller.signal);
      })
      .then((r) => {
        this.#streams.delete(id);
        this.#send({ t: 'end', id, r });
      });
  }

  /** The transport's backpressure, cut short when the stream is cancelled, so a paused producer sees the abort. */
  #ready(signal: AbortSignal): Promise<void> | undefined {
    const waiting = this.options.ready?.();
    if (!waiting) return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      waiting.then(done, done);
    });
  }

  #identity(traceparent?: string): Omit<CallContext, 'signal'> {
    const { caller, scopes } = this.options;
    return {
      origin: caller === 'desktop' ? 'ipc' : 'ws',
      caller,
      ...(scopes ? { scopes } : {}),
      ...(traceparent ? { traceparent } : {}),
    };
  }

  #send(message: ServerMessage): void {
    if (this.#disposed) return;
    try {
      this.options.send(message);
    } catch (error) {
      this.options.logger.debug({ err: error }, 'client went away while sending');
    }
  }

  /** The client disconnected: cancel everything it started. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#unsubscribe();
    this.#calls.abort();
    for (const controller of this.#streams.values()) controller.abort();
    this.#streams.clear();
  }
}
