/**
 * Lets one job of this process index a given content (sha256) at a time, so copies in one batch become one
 * document instead of racing to be marked indexed.
 */
export class ContentGate {
  readonly #inflight = new Map<string, Promise<void>>();

  /**
   * The indexed document with this content, found after waiting for any job of this process that is indexing the
   * same content; or, when there is none, a claim on the content whose `release` lets waiting jobs go on.
   */
  async claim(
    sha256: string,
    findIndexed: (sha256: string) => { id: string } | undefined,
  ): Promise<{ existing: { id: string } } | { release: () => void }> {
    for (;;) {
      const found = findIndexed(sha256);
      if (found) return { existing: found };
      const pending = this.#inflight.get(sha256);
      if (!pending) break;
      await pending;
    }
    let resolve = (): void => undefined;
    const done = new Promise<void>((r) => (resolve = r));
    this.#inflight.set(sha256, done);
    return {
      release: () => {
        if (this.#inflight.get(sha256) === done) this.#inflight.delete(sha256);
        resolve();
      },
    };
  }
}
