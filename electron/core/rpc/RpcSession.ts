import type { Logger } from 'pino';
import type { ServerMessage } from '../../shared/wire';
import { ClientMessageSchema } from '../../shared/wire';
import type { Dispatcher } from './Dispatcher';
import type { EventBus } from './EventBus';

export interface RpcSessionOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  logger: Logger;
  /** Delivers one message to this client (a WebSocket frame, a webContents.send). */
  send: (message: ServerMessage) => void;
  /** Which shell the client came through. */
  origin: 'ipc' | 'ws';
  /** A WebSocket client on this computer that may name paths on its disk (see CallContext.localPaths). */
  localPaths?: boolean;
  /** Most streams one client may run at once. */
  maxConcurrentStreams?: number;
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
          .call(message.ch, message.in, { ...this.#identity(), signal: this.#calls.signal })
          .then((r) => this.#send({ t: 'result', id: message.id, r }));
        return;
      case 'stream':
        this.#startStream(message.id, message.ch, message.in);
        return;
      case 'cancel':
        this.#streams.get(message.id)?.abort();
        return;
    }
  }

  #startStream(id: number, channel: string, input: unknown): void {
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
      .stream(channel, input, { ...this.#identity(), signal: controller.signal }, (v) =>
        this.#send({ t: 'item', id, v }),
      )
      .then((r) => {
        this.#streams.delete(id);
        this.#send({ t: 'end', id, r });
      });
  }

  #identity(): { origin: 'ipc' | 'ws'; localPaths: boolean } {
    return { origin: this.options.origin, localPaths: this.options.localPaths === true };
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
