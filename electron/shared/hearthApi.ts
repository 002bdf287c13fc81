import type { CallChannel, EventChannel, InputOf, ItemOf, OutputOf, PayloadOf, StreamChannel } from './contractTypes';
import type { Contract } from './contract';
import { contract } from './contract';
import type { Result } from './result';
import type { RpcClient, StreamHandle } from './rpcClient';

type CallFn<E> = (input: InputOf<E>) => Promise<Result<OutputOf<E>>>;
type StreamFn<E> = (input: InputOf<E>, onItem: (item: ItemOf<E>) => void) => StreamHandle<OutputOf<E>>;
type MethodOf<K extends keyof Contract> =
  K extends CallChannel<Contract>
    ? CallFn<Contract[K]>
    : K extends StreamChannel<Contract>
      ? StreamFn<Contract[K]>
      : never;

type Namespace = {
  [K in CallChannel<Contract> | StreamChannel<Contract>]: K extends `${infer N}.${string}` ? N : never;
}[CallChannel<Contract> | StreamChannel<Contract>];

/**
 * `window.hearth`: one method per contract channel, grouped by namespace (`hearth.settings.get({})`),
 * plus `on(event, listener)`. Nothing else is reachable, so the renderer cannot name a raw channel.
 */
export type HearthApi = {
  [N in Namespace]: {
    [K in CallChannel<Contract> | StreamChannel<Contract> as K extends `${N}.${infer M}` ? M : never]: MethodOf<K>;
  };
} & {
  on<E extends EventChannel<Contract>>(event: E, listener: (payload: PayloadOf<Contract[E]>) => void): () => void;
};

/** Builds the API object from the contract; used by the preload (IPC) and the browser client (WebSocket). */
export function createHearthApi(rpc: RpcClient): HearthApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [channel, entry] of Object.entries(contract)) {
    if (entry.kind === 'event') continue;
    // Split at the first dot only: `library.collections.list` is method `collections.list` of `library`.
    const dot = channel.indexOf('.');
    const namespace = channel.slice(0, dot);
    const method = channel.slice(dot + 1);
    const group = (api[namespace] ??= {});
    group[method] =
      entry.kind === 'stream'
        ? (input: unknown, onItem: (item: unknown) => void) => {
            const handle = rpc.stream(channel, input, onItem);
            // A plain object so it survives Electron's contextBridge.
            return { done: handle.done, cancel: () => handle.cancel() };
          }
        : (input: unknown) => rpc.call(channel, input);
  }
  const eventNames = new Set(
    Object.entries(contract)
      .filter(([, e]) => e.kind === 'event')
      .map(([name]) => name),
  );
  const on = (eventName: string, listener: (payload: unknown) => void) => {
    if (!eventNames.has(eventName)) throw new Error(`Unknown event ${eventName}`);
    return rpc.on(eventName, listener);
  };
  return { ...api, on } as unknown as HearthApi;
}
