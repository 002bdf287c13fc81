import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildTrayMenuTemplate, type TrayMenuState } from '../../../../electron/main/tray/buildTrayMenuTemplate';

function actions() {
  return { showQuickPrompt: vi.fn(), openHearth: vi.fn(), setLaunchAtLogin: vi.fn(), quit: vi.fn() };
}
const idle: TrayMenuState = { quickPromptAccelerator: 'Alt+Space', status: { kind: 'idle' }, launchAtLogin: false };
const byId = (items: MenuItemConstructorOptions[], id: string) => items.find((item) => item.id === id);
/** Runs an item's click as Electron would; the template's handlers ignore their arguments. */
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.call(undefined);

describe('buildTrayMenuTemplate', () => {
  it('lists Quick Prompt, Open Hearth, the status, Launch at Login and Quit, in that order', () => {
    const labels = buildTrayMenuTemplate(idle, actions())
      .filter((item) => item.type !== 'separator')
      .map((item) => item.label);
    expect(labels).toEqual(['Quick Prompt', 'Open Hearth', 'Idle', 'Launch at Login', 'Quit Hearth']);
  });
  it('shows the global shortcut next to Quick Prompt without binding it as a menu key', () => {
    const item = byId(buildTrayMenuTemplate(idle, actions()), 'quick-prompt');
    expect(item).toMatchObject({ accelerator: 'Alt+Space', registerAccelerator: false });
  });
  it('shows no shortcut when none could be registered', () => {
    const item = byId(buildTrayMenuTemplate({ ...idle, quickPromptAccelerator: null }, actions()), 'quick-prompt');
    expect(item?.accelerator).toBeUndefined();
  });
  it('shows ingestion progress as a disabled line', () => {
    const items = buildTrayMenuTemplate({ ...idle, status: { kind: 'indexing', done: 3, total: 10 } }, actions());
    expect(byId(items, 'status')).toMatchObject({ label: 'Indexing 3 of 10 files', enabled: false });
    expect(byId(buildTrayMenuTemplate(idle, actions()), 'status')).toMatchObject({ label: 'Idle', enabled: false });
  });
  it('reflects launch at login as a checkbox and toggles it', () => {
    const off = actions();
    const item = byId(buildTrayMenuTemplate(idle, off), 'launch-at-login');
    expect(item).toMatchObject({ type: 'checkbox', checked: false });
    click(item);
    expect(off.setLaunchAtLogin).toHaveBeenCalledWith(true);

    const on = actions();
    const checked = byId(buildTrayMenuTemplate({ ...idle, launchAtLogin: true }, on), 'launch-at-login');
    expect(checked?.checked).toBe(true);
    click(checked);
    expect(on.setLaunchAtLogin).toHaveBeenCalledWith(false);
  });
  it('wires each item to its action', () => {
    const a = actions();
    const items = buildTrayMenuTemplate(idle, a);
    click(byId(items, 'quick-prompt'));
    click(byId(items, 'open'));
    click(byId(items, 'quit'));
    expect(a.showQuickPrompt).toHaveBeenCalledOnce();
    expect(a.openHearth).toHaveBeenCalledOnce();
    expect(a.quit).toHaveBeenCalledOnce();
  });
});
