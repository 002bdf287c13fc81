import { describe, expect, it, vi } from 'vitest';
import {
  hardenWebContents,
  type HardenableContents,
  type HardenWebContentsOptions,
} from '../../../../electron/main/security/hardenWebContents';

const ui = 'file:///app/dist/renderer/index.html';
type Listener = (event: { preventDefault: () => void }, url: string) => void;
type OpenHandler = (details: { url: string }) => { action: string };

/** A webContents stand-in that records what the hardening registers. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: OpenHandler | null = null;
  const contents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: OpenHandler) => (openHandler = handler),
  };
  const emit = (name: string, url: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as HardenableContents, emit, open: (url: string) => openHandler?.({ url }) };
}

function setup(confirmed: boolean) {
  const options: HardenWebContentsOptions = {
    appUrl: ui,
    confirmExternal: vi.fn(async () => confirmed),
    openExternal: vi.fn(async () => undefined),
    log: vi.fn(),
  };
  const fake = fakeContents();
  hardenWebContents(fake.contents, options);
  return { ...fake, options };
}

describe('hardenWebContents', () => {
  it('lets the UI reload and change routes', () => {
    const { emit } = setup(true);
    expect(emit('will-navigate', `${ui}#/settings`)).toBe(false);
    expect(emit('will-redirect', ui)).toBe(false);
  });
  it('denies navigation and redirects anywhere else', () => {
    const { emit, options } = setup(false);
    expect(emit('will-navigate', 'https://example.com/')).toBe(true);
    expect(emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emit('will-redirect', 'https://example.com/')).toBe(true);
    expect(options.log).toHaveBeenCalledWith('navigation denied', 'https://example.com/');
  });
  it('denies <webview>', () => {
    const { emit } = setup(true);
    expect(emit('will-attach-webview', '')).toBe(true);
  });
  it('denies every window.open and opens http(s) links in the browser only after the user confirms', async () => {
    const yes = setup(true);
    expect(yes.open('https://example.com/docs')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(yes.options.openExternal).toHaveBeenCalledWith('https://example.com/docs'));
    expect(yes.options.confirmExternal).toHaveBeenCalledWith('https://example.com/docs');

    const no = setup(false);
    expect(no.open('https://example.com/docs')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(no.options.confirmExternal).toHaveBeenCalled());
    expect(no.options.openExternal).not.toHaveBeenCalled();
  });
  it('never offers other schemes to the OS, not even with confirmation', async () => {
    const { open, emit, options } = setup(true);
    expect(open('file:///Applications/Calculator.app')).toEqual({ action: 'deny' });
    expect(emit('will-navigate', 'smb://server/share')).toBe(true);
    await Promise.resolve();
    expect(options.confirmExternal).not.toHaveBeenCalled();
    expect(options.openExternal).not.toHaveBeenCalled();
  });
  it('offers a followed http(s) link to the browser too', async () => {
    const { emit, options } = setup(true);
    expect(emit('will-navigate', 'https://example.com/a')).toBe(true);
    await vi.waitFor(() => expect(options.openExternal).toHaveBeenCalledWith('https://example.com/a'));
  });
});
