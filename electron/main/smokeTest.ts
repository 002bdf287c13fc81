/** The flag that turns a launch into a smoke test (the macOS workflow runs the packaged app with it). */
export const SMOKE_TEST_FLAG = '--smoke-test';

/** Printed on success; the workflow looks for it. */
export const SMOKE_OK = 'HEARTH_SMOKE_OK';

/** Printed with the reason on failure. */
export const SMOKE_FAILED = 'HEARTH_SMOKE_FAILED';

/** The part of a webContents the smoke test listens to (a fake in unit tests). */
export interface LoadEvents {
  once(event: string, listener: (...args: unknown[]) => void): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** The first load's outcome. */
export type LoadOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Resolves when the UI document has loaded (`did-finish-load`), failed to (`did-fail-load` of the main frame),
 * its renderer died, or `timeoutMs` passed — whichever comes first.
 */
export function waitForFirstLoad(contents: LoadEvents, timeoutMs: number): Promise<LoadOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: LoadOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: `no load within ${timeoutMs} ms` }), timeoutMs);
    contents.once('did-finish-load', () => settle({ ok: true }));
    // Electron's listener arguments differ per event; read them positionally (event first).
    // `on`, not `once`: a frame's failure must not use up the listener before the main frame's.
    contents.on('did-fail-load', (...args: unknown[]) => {
      const [, code, description, url, isMainFrame] = args;
      if (isMainFrame === false) return;
      settle({ ok: false, reason: `load failed (${String(code)} ${String(description)}) for ${String(url)}` });
    });
    contents.once('render-process-gone', (...args: unknown[]) => {
      const details = args[1] as { reason?: unknown } | undefined;
      settle({ ok: false, reason: `renderer gone: ${String(details?.reason ?? 'unknown')}` });
    });
  });
}
