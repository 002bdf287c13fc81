/** Where the headless shell is in its life, as its readiness probe reports it. */
export type ReadinessState = 'starting' | 'ready' | 'draining';

/**
 * Whether this replica should get new requests: not before the core and the server are up, and no longer once a
 * stop has begun (SIGTERM), so a load balancer moves new work elsewhere while requests under way finish.
 */
export class Readiness {
  #state: ReadinessState = 'starting';

  get state(): ReadinessState {
    return this.#state;
  }

  /** The server listens and the core is built. A replica that is draining stays draining. */
  markReady(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  /** A stop has begun: from now on the readiness probe fails. */
  markDraining(): void {
    this.#state = 'draining';
  }
}
