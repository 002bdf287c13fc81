import type { Logger } from 'pino';

/** Options for {@link TypedEvents}. */
export interface TypedEventsOptions {
  /** Where a listener's failure is reported; it never stops the other listeners or the emitter. */
  logger: Pick<Logger, 'error'>;
  /** Names the bus in log lines. */
  name: string;
}

/**
 * A small typed event emitter for wiring inside the core (one service reacting to another), kept apart from the
 * contract's client events so internal reactions never depend on what clients are sent.
 */
export class TypedEvents<Events extends Record<string, unknown>> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void | Promise<void>>>();

  constructor(private readonly options: TypedEventsOptions) {}

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void | Promise<void>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        const result = (listener as (p: Events[E]) => void | Promise<void>)(payload);
        if (result instanceof Promise) result.catch((error: unknown) => this.#report(event, error));
      } catch (error) {
        this.#report(event, error);
      }
    }
  }

  dispose(): void {
    this.#listeners.clear();
  }

  #report(event: keyof Events, error: unknown): void {
    this.options.logger.error({ err: error, event: String(event), bus: this.options.name }, 'an event listener failed');
  }
}
