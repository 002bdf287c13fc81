/** Options for a per-key request counter. */
export interface KeyRateWindowOptions {
  /** Length of one window, ms. Default a minute (keys' limits are requests a minute). */
  windowMs?: number;
  now?: () => number;
}

/**
 * Requests per key in fixed windows, as @fastify/rate-limit counts /v1 and /mcp: the gRPC server has no Fastify
 * request to hand it, so it counts its calls here against the same per-key number.
 */
export class KeyRateWindow {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: KeyRateWindowOptions = {}) {
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Counts one request of `keyId`: allowed, or refused with the seconds until its window ends (at least 1). */
  take(keyId: string, max: number): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.#now();
    let window = this.#windows.get(keyId);
    if (!window || now - window.start >= this.#windowMs) {
      // Old windows go as new ones start, so the map holds only keys used in the last window or so.
      for (const [id, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(id);
      window = { start: now, count: 0 };
      this.#windows.set(keyId, window);
    }
    if (window.count >= max) return { allowed: false, retryAfterMs: Math.max(1, window.start + this.#windowMs - now) };
    window.count += 1;
    return { allowed: true };
  }
}
