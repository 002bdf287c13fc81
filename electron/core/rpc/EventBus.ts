import type { Logger } from 'pino';
import type { ContractEntry, EventChannel, PayloadOf } from '../../shared/contractTypes';
import type { Contract } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { HearthError } from '../../shared/errors';

type AnyListener = (event: string, payload: unknown) => void;

/**
 * Core → client events. Payloads are validated against the contract when emitted. Wiring between services uses
 * the core's internal events (CoreSignals), not these.
 */
export class EventBus {
  readonly #listeners = new Set<AnyListener>();
  readonly #relays = new Set<AnyListener>();

  /** @param logger where a failing subscriber is reported (it never stops the others). */
  constructor(private readonly logger?: Pick<Logger, 'warn'>) {}

  emit<E extends EventChannel<Contract>>(event: E, payload: PayloadOf<Contract[E]>): void {
    const parsed = contract[event].payload.parse(payload);
    this.#tell(this.#listeners, event, parsed);
    this.#tell(this.#relays, event, parsed);
  }

  /**
   * An event another replica emitted (a cluster relay received it): validated like `emit` and told to every
   * listener, but not to `onEmitted` relays, which would send it back out.
   */
  deliver(event: string, payload: unknown): void {
    const entry: ContractEntry | undefined = Object.hasOwn(contract, event)
      ? (contract as Record<string, ContractEntry>)[event]
      : undefined;
    if (entry?.kind !== 'event') throw new HearthError('INVALID_INPUT', `The contract has no event named "${event}".`);
    this.#tell(this.#listeners, event, entry.payload.parse(payload));
  }

  /** Every event, for transports; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Events emitted in this process only (never delivered ones), for a relay to other replicas; returns unsubscribe. */
  onEmitted(listener: AnyListener): () => void {
    this.#relays.add(listener);
    return () => this.#relays.delete(listener);
  }

  on<E extends EventChannel<Contract>>(event: E, listener: (payload: PayloadOf<Contract[E]>) => void): () => void {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as PayloadOf<Contract[E]>);
    });
  }

  dispose(): void {
    this.#listeners.clear();
    this.#relays.clear();
  }

  #tell(listeners: Set<AnyListener>, event: string, payload: unknown): void {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // A broken subscriber (a closed socket) must not stop the others, but it is worth a log line.
        this.logger?.warn({ err: error, event }, 'an event subscriber failed');
      }
    }
  }
}
