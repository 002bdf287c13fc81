import type { BrowserWindow } from 'electron';

/** The part of the main window the controller uses (a fake in unit tests). */
export type MainWindowLike = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus' | 'isVisible'
> & { webContents: { loadURL(url: string): Promise<void> } };

/** How the main window is made and what happens when it closes. */
export interface MainWindowControllerOptions<W extends MainWindowLike> {
  /** Builds and loads a new main window (`createMainWindow`); it must call `onClosed` once the window has closed. */
  create: (onClosed: () => void) => W;
  /** After the window closed, e.g. quit where closing the main window means quitting. */
  onClosed: () => void;
}

/**
 * The one main window: opened at start, brought back (or made again after it was closed) by the Dock, the tray,
 * a second launch, files from the OS and the quick prompt's "open in Hearth".
 */
export class MainWindowController<W extends MainWindowLike = MainWindowLike> {
  #window: W | null = null;
  readonly #options: MainWindowControllerOptions<W>;

  constructor(options: MainWindowControllerOptions<W>) {
    this.#options = options;
  }

  /** The window while it is open. */
  get window(): W | null {
    return this.#window;
  }

  /** The open window, or a new one that shows itself once loaded (no blank window flashes on start). */
  open(): W {
    if (this.#window && !this.#window.isDestroyed()) return this.#window;
    const window = this.#options.create(() => {
      if (this.#window === window) this.#window = null;
      this.#options.onClosed();
    });
    this.#window = window;
    return window;
  }

  /** Brings the window to the front: made again if closed, restored if minimized. */
  show(): void {
    const window = this.open();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Whether the window is on screen (the quick prompt leaves focus in Hearth then). */
  isVisible(): boolean {
    return this.#window?.isVisible() ?? false;
  }

  /** Loads `url` in the open window; a new fragment of the same document is a hash change, not a reload. */
  load(url: string): void {
    void this.#window?.webContents.loadURL(url);
  }
}
