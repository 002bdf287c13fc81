import type { EventChannel, PayloadOf } from '../../shared/contractTypes';
import type { Contract } from '../../shared/contract';
import { contract } from '../../shared/contract';

type AnyListener = (event: string, payload: unknown) => void;

/** Core → client events. Payloads are validated against the contract when emitted. */
export class EventBus {
  readonly #listeners = new Set<AnyListener>();

  emit<E extends EventChannel<Contract>>(event: E, payload: PayloadOf<Contract[E]>): void {
    const parsed = contract[event].payload.parse(payload);
    for (const listener of this.#listeners) {
      try {
        listener(event, parsed);
      } catch {
        // A broken subscriber (a closed socket) must not stop the others.
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
