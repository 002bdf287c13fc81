/** The part of Electron's `powerSaveBlocker` this needs (a fake in unit tests). */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean | void;
  isStarted(id: number): boolean;
}

/** Keeps the Mac awake while a batch ingests. */
export interface KeepAwake {
  /** Call with true while a batch runs and false when it ends; repeated calls with the same value do nothing. */
  keepAwakeWhile(active: boolean): void;
  /** Releases the blocker (app quit). */
  dispose(): void;
}

/**
 * One blocker at most, started when ingestion starts and stopped when it ends. `prevent-app-suspension` keeps the
 * system from sleeping but lets the display sleep: a long batch needs the CPU, not the screen.
 */
export function createKeepAwake(blocker: PowerSaveBlockerLike): KeepAwake {
  let id: number | null = null;
  const stop = () => {
    if (id !== null && blocker.isStarted(id)) blocker.stop(id);
    id = null;
  };
  return {
    keepAwakeWhile(active) {
      if (active) {
        if (id === null || !blocker.isStarted(id)) id = blocker.start('prevent-app-suspension');
      } else {
        stop();
      }
    },
    dispose: stop,
  };
}
