import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutPanelOptions } from '../../../../electron/main/menu/aboutPanelOptions';
import { buildAppMenuTemplate } from '../../../../electron/main/menu/buildAppMenuTemplate';

const options = (isMac: boolean) => ({
  isMac,
  quickPromptAccelerator: 'Alt+Space',
  showQuickPrompt: vi.fn(),
  showLogs: vi.fn(),
});
const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];

describe('buildAppMenuTemplate', () => {
  it('is the standard macOS menu, built from roles', () => {
    const menu = buildAppMenuTemplate(options(true));
    expect(menu.map((item) => item.role ?? item.label)).toEqual([
      'appMenu',
      'File',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });
  it('closes the window with ⌘W on macOS (the app keeps running) and quits from File elsewhere', () => {
    expect(submenu(buildAppMenuTemplate(options(true))[1]).map((i) => i.role)).toContain('close');
    const other = buildAppMenuTemplate(options(false));
    expect(other[0]?.label).toBe('File');
    expect(other.some((item) => item.role === 'appMenu')).toBe(false);
    expect(submenu(other[0]).map((i) => i.role)).toContain('quit');
  });
  it('offers the quick prompt with its global shortcut shown, not bound as a menu key', () => {
    const o = options(true);
    const item = submenu(buildAppMenuTemplate(o)[1])[0];
    expect(item).toMatchObject({ label: 'Quick Prompt', accelerator: 'Alt+Space', registerAccelerator: false });
    (item?.click as () => void)();
    expect(o.showQuickPrompt).toHaveBeenCalledOnce();
  });
  it('has Help with a way to the logs', () => {
    const o = options(true);
    const help = buildAppMenuTemplate(o).at(-1);
    expect(help?.role).toBe('help');
    const logs = submenu(help).find((i) => i.label === 'Show Logs Folder');
    (logs?.click as () => void)();
    expect(o.showLogs).toHaveBeenCalledOnce();
  });
});

describe('aboutPanelOptions', () => {
  it('names Hearth and its version', () => {
    expect(aboutPanelOptions('1.2.3')).toMatchObject({ applicationName: 'Hearth', applicationVersion: '1.2.3' });
  });
});
