import { describe, expect, it } from 'vitest';
import { nextDelay, RestartBudget } from '../../../../electron/core/supervisor/backoff';
import { DEFAULT_RESTART_POLICY } from '../../../../electron/core/supervisor/ChildSpec';

describe('nextDelay', () => {
  const policy = { initialDelayMs: 250, maxDelayMs: 10_000, factor: 2 };

  it('starts at the initial delay and doubles with each restart', () => {
    expect([0, 1, 2, 3, 4].map((attempt) => nextDelay(policy, attempt))).toEqual([250, 500, 1000, 2000, 4000]);
  });

  it('never exceeds the maximum delay, however many restarts came before', () => {
    expect(nextDelay(policy, 6)).toBe(10_000);
    expect(nextDelay(policy, 1_000)).toBe(10_000);
    expect(nextDelay(policy, Number.POSITIVE_INFINITY)).toBe(10_000);
  });

  it('treats a negative, NaN or fractional attempt as the nearest sensible one', () => {
    expect(nextDelay(policy, -3)).toBe(250);
    expect(nextDelay(policy, Number.NaN)).toBe(250);
    expect(nextDelay(policy, 1.7)).toBe(500);
  });

  it('does not shrink when the factor is below 1', () => {
    expect(nextDelay({ ...policy, factor: 0.5 }, 3)).toBe(250);
  });
});

describe('RestartBudget', () => {
  it('allows maxRestarts restarts within the window, numbering them for the backoff, then refuses', () => {
    const budget = new RestartBudget({ maxRestarts: 3, windowMs: 60_000 });
    expect(budget.take(0)).toEqual({ allowed: true, attempt: 0 });
    expect(budget.take(1_000)).toEqual({ allowed: true, attempt: 1 });
    expect(budget.take(2_000)).toEqual({ allowed: true, attempt: 2 });
    expect(budget.take(3_000)).toEqual({ allowed: false, count: 4 });
    // Refusals are not recorded: the child is 'failed' and nobody restarts it.
    expect(budget.used(3_000)).toBe(3);
  });

  it('forgets restarts older than the window, so a child that crashes rarely keeps being restarted', () => {
    const budget = new RestartBudget({ maxRestarts: 2, windowMs: 10_000 });
    budget.take(0);
    budget.take(5_000);
    expect(budget.take(9_999).allowed).toBe(false);
    expect(budget.take(10_000)).toEqual({ allowed: true, attempt: 1 });
    expect(budget.used(20_000)).toBe(0);
  });

  it('with the default policy, the sixth crash within a minute exhausts the budget', () => {
    const budget = new RestartBudget(DEFAULT_RESTART_POLICY);
    const verdicts = [0, 1, 2, 3, 4, 5].map((i) => budget.take(i * 1_000));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, true, false]);
    const delays = verdicts.flatMap((v) => (v.allowed ? [nextDelay(DEFAULT_RESTART_POLICY, v.attempt)] : []));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
  });
});
