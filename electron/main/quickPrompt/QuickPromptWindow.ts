import { BrowserWindow, screen, type Rectangle } from 'electron';
import { quickPromptWindowOptions, QUICK_PROMPT_SIZE } from '../windowOptions';
import { quickPromptPosition } from './quickPromptPosition';

/** The renderer route of the quick prompt (built in renderer/). */
const QUICK_PROMPT_ROUTE = '#/quick';

/** How the quick-prompt window is built. */
export interface QuickPromptWindowOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** The UI document's URL; the window loads its quick-prompt route. */
  rendererUrl: string;
  /** Where the tray icon is, if there is one and the OS says. */
  trayBounds: () => Rectangle | null;
  /** Called after the window hides, e.g. to give focus back to the app the user came from. */
  onHidden?: () => void;
}

/**
 * The small frameless window the global shortcut toggles. Created once and then hidden and shown, so the second
 * press is instant; it hides when it loses focus (the renderer hides it on Esc by closing it, which hides too).
 */
export class QuickPromptWindow {
  #window: BrowserWindow | null = null;
  #quitting = false;
  readonly #options: QuickPromptWindowOptions;

  constructor(options: QuickPromptWindowOptions) {
    this.#options = options;
  }

  /** The window, if created; the IPC router and E2E tests reach it through here. */
  get window(): BrowserWindow | null {
    return this.#window;
  }

  /** Creates the hidden window ahead of the first shortcut press. */
  prepare(): BrowserWindow {
    if (this.#window && !this.#window.isDestroyed()) return this.#window;
    const window = new BrowserWindow(quickPromptWindowOptions({ preloadPath: this.#options.preloadPath }));
    // On whichever Space the user is in, like Spotlight. Skipping the process-type transformation avoids the Dock
    // icon blinking; floating over other apps' full-screen Spaces too would need that (verify on a Mac).
    window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    window.setAlwaysOnTop(true, 'floating');
    window.on('blur', () => this.hide());
    window.on('close', (event) => {
      // window.close() from the renderer (Esc) hides; only quitting destroys it.
      if (this.#quitting) return;
      event.preventDefault();
      this.hide();
    });
    window.on('closed', () => (this.#window = null));
    void window.loadURL(`${this.#options.rendererUrl}${QUICK_PROMPT_ROUTE}`);
    this.#window = window;
    return window;
  }

  /** Shows it under the tray icon, or hides it if it is showing. */
  toggle(): void {
    if (this.#window?.isVisible()) this.hide();
    else this.show();
  }

  show(): void {
    const window = this.prepare();
    const tray = this.#options.trayBounds();
    const display = tray
      ? screen.getDisplayMatching(tray)
      : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const { x, y } = quickPromptPosition(tray, QUICK_PROMPT_SIZE, display.workArea);
    window.setBounds({ x, y, width: QUICK_PROMPT_SIZE.width, height: QUICK_PROMPT_SIZE.height });
    window.show();
    window.focus();
  }

  hide(): void {
    const window = this.#window;
    if (!window || window.isDestroyed() || !window.isVisible()) return;
    window.hide();
    this.#options.onHidden?.();
  }

  /** Lets the window close for real (app quit). */
  dispose(): void {
    this.#quitting = true;
    if (this.#window && !this.#window.isDestroyed()) this.#window.destroy();
    this.#window = null;
  }
}
