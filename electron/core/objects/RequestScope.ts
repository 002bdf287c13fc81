import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';

/** What applies to the HTTP requests one store operation makes. */
export interface RequestContext {
  /** Aborts the operation's in-flight request. */
  signal?: AbortSignal;
  /** Destroys a request whose socket stays silent this long (a hung, not dead, server). 0: never. */
  idleTimeoutMs: number;
}

/** The minio client's `transport` option: just `request`. */
export type Transport = Pick<typeof http, 'request'>;

/**
 * The minio client takes neither an AbortSignal nor a timeout per call. Its requests all go through the `transport`
 * we give it, so each store operation runs inside an AsyncLocalStorage context, and the transport attaches that
 * context's signal and idle timeout to whatever request the client makes for it.
 */
export class RequestScope {
  readonly #storage = new AsyncLocalStorage<RequestContext>();

  run<T>(context: RequestContext, operation: () => Promise<T>): Promise<T> {
    return this.#storage.run(context, operation);
  }

  transport(protocol: 'http:' | 'https:'): Transport {
    const base = protocol === 'https:' ? https : http;
    const request = (options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) => {
      const context = this.#storage.getStore();
      const req = base.request(context?.signal ? { ...options, signal: context.signal } : options, callback);
      if (context && context.idleTimeoutMs > 0) {
        req.setTimeout(context.idleTimeoutMs, () => {
          req.destroy(Object.assign(new Error(`no response for ${context.idleTimeoutMs} ms`), { code: 'ETIMEDOUT' }));
        });
      }
      return req;
    };
    return { request: request as typeof http.request };
  }
}
