import type { WebSocket } from 'ws';

/** Flow control of one WebSocket: how much may wait for a client that reads slowly or not at all. */
export interface SocketFlowOptions {
  /** Bytes queued for the client above which stream producers pause. Default 4 MiB. */
  highWaterMark?: number;
  /** Bytes queued below which paused producers resume. Default 1 MiB. */
  lowWaterMark?: number;
  /** A client that stays above the high-water mark this long is disconnected. Default 30 s. */
  stallMs?: number;
  /** Bytes queued at which the client is disconnected at once, whatever sent them (events, push streams). Default 64 MiB. */
  hardLimit?: number;
}

const MiB = 1024 * 1024;

/**
 * Sends a session's messages over its socket and tells producers when to wait: `ready()` is undefined while the
 * client keeps up, else a promise that settles once the queue is below the low-water mark (or the socket is gone).
 * A client that stops reading costs at most the high-water mark plus one item per stream, for at most `stallMs`;
 * what ignores the pause (events, producers that do not await) is cut off at `hardLimit`.
 */
export class SocketFlow {
  readonly #high: number;
  readonly #low: number;
  readonly #stallMs: number;
  readonly #hardLimit: number;
  #waiters: (() => void)[] = [];
  #stall: NodeJS.Timeout | undefined;
  #closed = false;

  /** @param onDrop told why the socket was cut off (for the log). */
  constructor(
    private readonly socket: WebSocket,
    options: SocketFlowOptions = {},
    private readonly onDrop: (reason: string) => void = () => undefined,
  ) {
    this.#high = options.highWaterMark ?? 4 * MiB;
    this.#low = Math.min(options.lowWaterMark ?? MiB, this.#high);
    this.#stallMs = options.stallMs ?? 30_000;
    this.#hardLimit = Math.max(options.hardLimit ?? 64 * MiB, this.#high);
    socket.once('close', () => this.dispose());
  }

  /** Queues one text frame; each flushed frame may wake paused producers. */
  send(text: string): void {
    if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text, () => this.#check());
    if (this.socket.bufferedAmount > this.#hardLimit) {
      this.#drop(`more than ${Math.round(this.#hardLimit / MiB)} MiB waited for a client that is not reading`);
    }
  }

  /** Undefined while the client keeps up; else settles when it has caught up or is gone. */
  ready(): Promise<void> | undefined {
    if (this.#closed || this.socket.bufferedAmount <= this.#high) return undefined;
    this.#stall ??= setTimeout(
      () => this.#drop(`the client read nothing for ${Math.round(this.#stallMs / 1000)} s`),
      this.#stallMs,
    );
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Wakes every waiting producer and stops watching; the socket's close calls it too. */
  dispose(): void {
    this.#closed = true;
    this.#wake();
  }

  #check(): void {
    if (this.#closed || this.socket.bufferedAmount <= this.#low) this.#wake();
  }

  #wake(): void {
    clearTimeout(this.#stall);
    this.#stall = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Terminate, not close: a closing handshake would queue behind the very bytes the client is not reading. */
  #drop(reason: string): void {
    if (this.#closed) return;
    this.onDrop(reason);
    this.dispose();
    this.socket.terminate();
  }
}
