import { describe, expect, it } from 'vitest';
import { createKeepAwake } from '../../../../electron/main/power/createKeepAwake';

/** A powerSaveBlocker stand-in that tracks which blockers are on. */
function fakeBlocker() {
  const active = new Set<number>();
  const types: string[] = [];
  let next = 1;
  return {
    active,
    types,
    start(type: 'prevent-app-suspension' | 'prevent-display-sleep') {
      types.push(type);
      active.add(next);
      return next++;
    },
    stop(id: number) {
      active.delete(id);
    },
    isStarted: (id: number) => active.has(id),
  };
}

describe('createKeepAwake', () => {
  it('holds one blocker while active and releases it after', () => {
    const blocker = fakeBlocker();
    const { keepAwakeWhile } = createKeepAwake(blocker);
    keepAwakeWhile(true);
    keepAwakeWhile(true);
    expect(blocker.active.size).toBe(1);
    keepAwakeWhile(false);
    expect(blocker.active.size).toBe(0);
    keepAwakeWhile(false);
    expect(blocker.types).toEqual(['prevent-app-suspension']);
  });
  it('lets the display sleep: it keeps the system awake, not the screen', () => {
    const blocker = fakeBlocker();
    createKeepAwake(blocker).keepAwakeWhile(true);
    expect(blocker.types).toEqual(['prevent-app-suspension']);
  });
  it('starts again for the next batch, and if the OS dropped the blocker', () => {
    const blocker = fakeBlocker();
    const { keepAwakeWhile } = createKeepAwake(blocker);
    keepAwakeWhile(true);
    keepAwakeWhile(false);
    keepAwakeWhile(true);
    expect(blocker.active.size).toBe(1);
    blocker.active.clear();
    keepAwakeWhile(true);
    expect(blocker.active.size).toBe(1);
  });
  it('releases on dispose', () => {
    const blocker = fakeBlocker();
    const keepAwake = createKeepAwake(blocker);
    keepAwake.keepAwakeWhile(true);
    keepAwake.dispose();
    expect(blocker.active.size).toBe(0);
  });
});
