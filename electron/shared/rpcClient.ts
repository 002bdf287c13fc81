import type { Result } from './result';
import { err } from './result';
import type { ClientMessage, ServerMessage } from './wire';

/** A message pipe to the core: a WebSocket in the browser, ipcRenderer in the preload. */
export interface WireLink {
  send(message: ClientMessage): void;
  /** Registers the single inbound handler. */
  onMessage(handler: (message: ServerMessage) => void): void;
  /** Called by the link when it is lost: every pending call then fails instead of hanging. */
  onClose(handler: (reason: string) => void): void;
}

export interface StreamHandle<T> {
  /** Asks the core to stop; `done` then resolves with CANCELLED. */
  cancel(): void;
  readonly done: Promise<Result<T>>;
}

export interface RpcClient {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  stream(channel: string, input: unknown, onItem: (item: unknown) => void): StreamHandle<unknown>;
  /** Subscribes to a core event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

interface Pending {
  resolve(result: Result<unknown>): void;
  onItem?: (item: unknown) => void;
}

/** The client half of the wire protocol; the same code serves both transports. */
export function createRpcClient(link: WireLink): RpcClient {
  let nextId = 1;
  let closedReason: string | null = null;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  link.onMessage((message) => {
    if (message.t === 'event') {
      for (const listener of listeners.get(message.ev) ?? []) listener(message.p);
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    if (message.t === 'item') {
      entry.onItem?.(message.v);
      return;
    }
    pending.delete(message.id);
    entry.resolve(message.r as Result<unknown>);
  });

  link.onClose((reason) => {
    closedReason = reason;
    for (const [id, entry] of pending) {
      pending.delete(id);
      entry.resolve(err('INTERNAL', `Lost the connection to Hearth: ${reason}`));
    }
  });

  const start = (kind: 'call' | 'stream', channel: string, input: unknown, entry: Omit<Pending, 'resolve'>) => {
    const id = nextId++;
    const done = new Promise<Result<unknown>>((resolve) => {
      if (closedReason !== null) {
        resolve(err('INTERNAL', `Not connected to Hearth: ${closedReason}`));
        return;
      }
      pending.set(id, { ...entry, resolve });
      try {
        link.send({ t: kind, id, ch: channel, in: input });
      } catch (cause) {
        pending.delete(id);
        resolve(err('INTERNAL', `Could not reach Hearth: ${String(cause)}`));
      }
    });
    return { id, done };
  };

  return {
    call(channel, input) {
      return start('call', channel, input, {}).done;
    },
    stream(channel, input, onItem) {
      const { id, done } = start('stream', channel, input, { onItem });
      return {
        done,
        cancel() {
          if (pending.has(id) && closedReason === null) link.send({ t: 'cancel', id });
        },
      };
    },
    on(eventName, listener) {
      let set = listeners.get(eventName);
      if (!set) listeners.set(eventName, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
