import type { Logger } from 'pino';
import type { EventChannel, PayloadOf } from '../../shared/contractTypes';
import type { Contract } from '../../shared/contract';
import { contract } from '../../shared/contract';

type AnyListener = (event: string, payload: unknown) => void;

/**
 * Core → client events. Payloads are validated against the contract when emitted. Wiring between services uses
 * the core's internal events (CoreSignals), not these.
 */
export class EventBus {
  readonly #listeners = new Set<AnyListener>();

  /** @param logger where a failing subscriber is reported (it never stops the others). */
  constructor(private readonly logger?: Pick<Logger, 'warn'>) {}

  emit<E extends EventChannel<Contract>>(event: E, payload: PayloadOf<Contract[E]>): void {
    const parsed = contract[event].payload.parse(payload);
    for (const listener of this.#listeners) {
      try {
        listener(event, parsed);
      } catch (error) {
        // A broken subscriber (a closed socket) must not stop the others, but it is worth a log line.
        this.logger?.warn({ err: error, event }, 'an event subscriber failed');
      }
    }
  }

  /** Every event, for transports; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  on<E extends EventChannel<Contract>>(event: E, listener: (payload: PayloadOf<Contract[E]>) => void): () => void {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as PayloadOf<Contract[E]>);
    });
  }

  dispose(): void {
    this.#listeners.clear();
  }
}
