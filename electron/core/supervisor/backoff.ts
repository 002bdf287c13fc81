import type { RestartPolicy } from './ChildSpec';

/**
 * Delay before restart number `attempt` (0-based, counted within the policy's window): initialDelayMs × factor^attempt,
 * capped at maxDelayMs. Deterministic on purpose: one supervisor restarts a handful of local children, so there is no
 * herd to spread with jitter, and tests can predict it.
 */
export function nextDelay(
  policy: Pick<RestartPolicy, 'initialDelayMs' | 'maxDelayMs' | 'factor'>,
  attempt: number,
): number {
  const n = attempt > 0 ? Math.floor(attempt) : 0; // NaN and negatives count as the first attempt
  const raw = policy.initialDelayMs * Math.pow(Math.max(1, policy.factor), n);
  return Math.max(0, Math.min(policy.maxDelayMs, Number.isFinite(raw) ? raw : policy.maxDelayMs));
}

export type BudgetVerdict =
  /** Restart allowed; `attempt` is how many restarts preceded it within the window (feed it to nextDelay). */
  | { allowed: true; attempt: number }
  /** More than maxRestarts within windowMs: stop restarting. `count` includes this one. */
  | { allowed: false; count: number };

/** Counts restarts in a sliding window, so a child that crashes in a loop ends up 'failed' instead of spinning. */
export class RestartBudget {
  readonly #policy: Pick<RestartPolicy, 'maxRestarts' | 'windowMs'>;
  #times: number[] = [];

  constructor(policy: Pick<RestartPolicy, 'maxRestarts' | 'windowMs'>) {
    this.#policy = policy;
  }

  /** Asks for one restart at time `now` (ms) and records it when allowed. */
  take(now: number): BudgetVerdict {
    this.#times = this.#times.filter((t) => now - t < this.#policy.windowMs);
    if (this.#times.length >= this.#policy.maxRestarts) {
      return { allowed: false, count: this.#times.length + 1 };
    }
    const attempt = this.#times.length;
    this.#times.push(now);
    return { allowed: true, attempt };
  }

  /** Restarts recorded within the window ending at `now`. */
  used(now: number): number {
    return this.#times.filter((t) => now - t < this.#policy.windowMs).length;
  }
}
