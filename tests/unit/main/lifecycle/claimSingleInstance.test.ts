import { describe, expect, it } from 'vitest';
import { claimSingleInstance } from '../../../../electron/main/lifecycle/claimSingleInstance';
import { SMOKE_FAILED } from '../../../../electron/main/smokeTest';

/** An Electron `app` stand-in with or without the single-instance lock. */
function fakeApp(locked: boolean) {
  const exits: number[] = [];
  const listeners = new Map<string, (event: unknown, argv: string[], cwd: string) => void>();
  return {
    exits,
    listeners,
    requestSingleInstanceLock: () => locked,
    exit: (code: number) => void exits.push(code),
    on: (event: string, listener: (event: unknown, argv: string[], cwd: string) => void) =>
      listeners.set(event, listener),
  };
}

describe('claimSingleInstance', () => {
  it("takes the lock and hands a later launch's arguments to this instance", () => {
    const app = fakeApp(true);
    const handed: [string[], string][] = [];
    const claimed = claimSingleInstance(app, {
      smokeTest: false,
      report: () => {},
      onSecondInstance: (argv, cwd) => handed.push([argv, cwd]),
    });
    expect(claimed).toBe(true);
    app.listeners.get('second-instance')?.({}, ['Hearth', 'notes.md'], '/Users/ada');
    expect(handed).toEqual([[['Hearth', 'notes.md'], '/Users/ada']]);
    expect(app.exits).toEqual([]);
  });

  it('quietly exits when another Hearth runs', () => {
    const app = fakeApp(false);
    const lines: string[] = [];
    expect(
      claimSingleInstance(app, { smokeTest: false, report: (l) => lines.push(l), onSecondInstance: () => {} }),
    ).toBe(false);
    expect(app.exits).toEqual([0]);
    expect(lines).toEqual([]);
    expect(app.listeners.size).toBe(0);
  });

  it('fails a smoke test when another Hearth runs', () => {
    const app = fakeApp(false);
    const lines: string[] = [];
    claimSingleInstance(app, { smokeTest: true, report: (l) => lines.push(l), onSecondInstance: () => {} });
    expect(app.exits).toEqual([1]);
    expect(lines).toEqual([`${SMOKE_FAILED} another Hearth is running`]);
  });
});
