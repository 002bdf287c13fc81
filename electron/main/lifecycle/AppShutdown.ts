/** The app calls the shutdown makes (Electron's `app`). */
export interface QuittableApp {
  quit(): void;
  exit(code: number): void;
}

/** The core as the shutdown sees it. */
export interface DisposableCore {
  dispose(): Promise<void>;
}

/**
 * Every way out of the app: a quit (menu, tray, Cmd-Q, the last window closing elsewhere than macOS) is held until
 * the shell's services and then the core have stopped, so no sidecar or worker outlives Hearth; an exit (the smoke
 * test's end, a failed start) disposes the core and exits with a code.
 */
export class AppShutdown {
  #quitting = false;
  #core: DisposableCore | null = null;
  readonly #app: QuittableApp;
  readonly #release: (() => void)[] = [];
  readonly #stop: (() => void)[] = [];

  constructor(app: QuittableApp) {
    this.#app = app;
  }

  /** True once the app is on its way out (the quick prompt stops handing focus back). */
  get quitting(): boolean {
    return this.#quitting;
  }

  /** Windows that refuse to close until released (the quick prompt only hides): released on every quit attempt. */
  releaseOnQuit(release: () => void): void {
    this.#release.push(release);
  }

  /** A shell service stopped when a quit begins, before the core (the tray, the power blocker). */
  stopOnQuit(stop: () => void): void {
    this.#stop.push(stop);
  }

  /** The core, once built: disposed before the app quits or exits. */
  disposeOnQuit(core: DisposableCore): void {
    this.#core = core;
  }

  /**
   * The `before-quit` listener. The first quit is put off while the shell's services and the core stop, then quit
   * again; that second quit goes through.
   */
  beforeQuit(event: { preventDefault(): void }): void {
    for (const release of this.#release) release();
    if (this.#quitting || !this.#core) return;
    event.preventDefault();
    this.#quitting = true;
    for (const stop of this.#stop) stop();
    void this.#core
      .dispose()
      .catch(() => undefined)
      .then(() => this.#app.quit());
  }

  /** Disposes the core (a failure there does not keep the app alive), then exits with `code`. */
  async exitWith(code: number): Promise<void> {
    this.#quitting = true;
    for (const release of this.#release) release();
    await this.#core?.dispose().catch(() => undefined);
    this.#app.exit(code);
  }
}
