import { describe, expect, it } from 'vitest';
import { MainWindowController } from '../../../electron/main/MainWindowController';

/** A BrowserWindow stand-in that records what was done to it. */
function fakeWindow(id: number, log: string[]) {
  const state = { destroyed: false, minimized: false, visible: false, onClosed: () => {} };
  return {
    state,
    id,
    isDestroyed: () => state.destroyed,
    isMinimized: () => state.minimized,
    isVisible: () => state.visible,
    restore: () => {
      state.minimized = false;
      log.push(`${id}.restore`);
    },
    show: () => {
      state.visible = true;
      log.push(`${id}.show`);
    },
    focus: () => log.push(`${id}.focus`),
    webContents: {
      loadURL: async (url: string) => {
        log.push(`${id}.load ${url}`);
      },
    },
    /** What Electron does when the user closes it. */
    close() {
      state.destroyed = true;
      state.visible = false;
      state.onClosed();
    },
  };
}

function setup() {
  const log: string[] = [];
  let made = 0;
  const controller = new MainWindowController({
    create: (onClosed) => {
      const window = fakeWindow(++made, log);
      window.state.onClosed = onClosed;
      log.push(`${made}.create`);
      return window;
    },
    onClosed: () => log.push('closed'),
  });
  return { controller, log };
}

describe('MainWindowController', () => {
  it('opens one window at start without forcing it on screen before it has loaded', () => {
    const { controller, log } = setup();
    const window = controller.open();
    expect(controller.open()).toBe(window);
    expect(log).toEqual(['1.create']);
    expect(controller.isVisible()).toBe(false);
  });

  it('brings the window forward, restoring it when minimized', () => {
    const { controller, log } = setup();
    const window = controller.open();
    window.state.minimized = true;
    controller.show();
    expect(log).toEqual(['1.create', '1.restore', '1.show', '1.focus']);
    expect(controller.isVisible()).toBe(true);
  });

  it('makes a new window after the last one was closed, and says it closed', () => {
    const { controller, log } = setup();
    controller.open().close();
    expect(controller.window).toBeNull();
    expect(controller.isVisible()).toBe(false);
    controller.load('file:///index.html#/library');
    controller.show();
    expect(log).toEqual(['1.create', 'closed', '2.create', '2.show', '2.focus']);
  });

  it('loads a URL in the open window', () => {
    const { controller, log } = setup();
    controller.open();
    controller.load('file:///index.html#/chat/1');
    expect(log).toEqual(['1.create', '1.load file:///index.html#/chat/1']);
  });

  it("keeps the new window when an older one's close arrives late", () => {
    const { controller } = setup();
    const first = controller.open();
    first.state.destroyed = true;
    const second = controller.open();
    first.state.onClosed();
    expect(controller.window).toBe(second);
  });
});
