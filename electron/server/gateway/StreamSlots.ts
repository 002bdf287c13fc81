/** Streaming responses open per key, against each key's limit. */
export class StreamSlots {
  readonly #open = new Map<string, number>();

  /** Takes a slot for `keyId`; returns its release (idempotent), or null when the key is at `limit`. */
  acquire(keyId: string, limit: number): (() => void) | null {
    const open = this.#open.get(keyId) ?? 0;
    if (open >= limit) return null;
    this.#open.set(keyId, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(keyId) ?? 1) - 1;
      if (left > 0) this.#open.set(keyId, left);
      else this.#open.delete(keyId);
    };
  }

  /** Open streams of a key. */
  count(keyId: string): number {
    return this.#open.get(keyId) ?? 0;
  }
}
