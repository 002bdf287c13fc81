import { describe, expect, it } from 'vitest';
import { AppShutdown } from '../../../../electron/main/lifecycle/AppShutdown';

function setup(dispose: () => Promise<void> = async () => {}) {
  const log: string[] = [];
  const shutdown = new AppShutdown({ quit: () => log.push('quit'), exit: (code) => log.push(`exit ${code}`) });
  shutdown.releaseOnQuit(() => log.push('release quick prompt'));
  shutdown.stopOnQuit(() => log.push('stop keep-awake'));
  shutdown.stopOnQuit(() => log.push('stop tray'));
  const core = {
    dispose: async () => {
      log.push('core dispose');
      await dispose();
      log.push('core disposed');
    },
  };
  const quitEvent = () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    return event;
  };
  return { shutdown, core, log, quitEvent };
}

/** Lets queued promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AppShutdown', () => {
  it('holds the first quit until the shell and then the core have stopped, then quits', async () => {
    const { shutdown, core, log, quitEvent } = setup();
    shutdown.disposeOnQuit(core);
    const first = quitEvent();
    shutdown.beforeQuit(first);
    expect(first.prevented).toBe(true);
    expect(shutdown.quitting).toBe(true);
    await settle();
    expect(log).toEqual([
      'release quick prompt',
      'stop keep-awake',
      'stop tray',
      'core dispose',
      'core disposed',
      'quit',
    ]);

    const second = quitEvent();
    shutdown.beforeQuit(second);
    expect(second.prevented).toBe(false);
    expect(log.slice(6)).toEqual(['release quick prompt']);
  });

  it('still quits when disposing the core fails', async () => {
    const { shutdown, core, log, quitEvent } = setup(async () => {
      throw new Error('chroma would not stop');
    });
    shutdown.disposeOnQuit(core);
    shutdown.beforeQuit(quitEvent());
    await settle();
    expect(log.at(-1)).toBe('quit');
  });

  it('lets a quit through before the core exists (nothing to stop)', () => {
    const { shutdown, log, quitEvent } = setup();
    const event = quitEvent();
    shutdown.beforeQuit(event);
    expect(event.prevented).toBe(false);
    expect(shutdown.quitting).toBe(false);
    expect(log).toEqual(['release quick prompt']);
  });

  it('exits with a code after disposing the core, even when that fails', async () => {
    const { shutdown, core, log } = setup(async () => {
      throw new Error('boom');
    });
    shutdown.disposeOnQuit(core);
    await shutdown.exitWith(1);
    expect(shutdown.quitting).toBe(true);
    expect(log).toEqual(['release quick prompt', 'core dispose', 'exit 1']);
  });

  it('exits when start failed before the core was built', async () => {
    const { shutdown, log } = setup();
    await shutdown.exitWith(1);
    expect(log).toEqual(['release quick prompt', 'exit 1']);
  });
});
