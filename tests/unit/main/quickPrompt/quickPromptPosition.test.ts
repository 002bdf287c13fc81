import { describe, expect, it } from 'vitest';
import { quickPromptPosition, type Rect } from '../../../../electron/main/quickPrompt/quickPromptPosition';

const size = { width: 640, height: 420 };
const inside = (p: { x: number; y: number }, area: Rect) =>
  p.x >= area.x &&
  p.y >= area.y &&
  p.x + size.width <= area.x + area.width &&
  p.y + size.height <= area.y + area.height;

describe('quickPromptPosition', () => {
  // A 1440×900 Mac screen: the menu bar (25 px) is outside the work area.
  const mac: Rect = { x: 0, y: 25, width: 1440, height: 875 };

  it('centres the window under a menu-bar icon (top edge)', () => {
    const tray = { x: 1000, y: 0, width: 24, height: 24 };
    const p = quickPromptPosition(tray, size, mac);
    expect(p.x + size.width / 2).toBe(1012);
    expect(p.y).toBeGreaterThanOrEqual(24);
    expect(p.y).toBeLessThan(40);
    expect(inside(p, mac)).toBe(true);
  });
  it('keeps the window on screen for an icon near the right corner', () => {
    const tray = { x: 1400, y: 0, width: 24, height: 24 };
    const p = quickPromptPosition(tray, size, mac);
    expect(p.x).toBe(1440 - 640);
    expect(inside(p, mac)).toBe(true);
  });
  it('keeps the window on screen for an icon near the left corner', () => {
    const p = quickPromptPosition({ x: 4, y: 0, width: 24, height: 24 }, size, mac);
    expect(p.x).toBe(0);
  });
  it('opens above an icon on a bottom taskbar', () => {
    const area: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
    const tray = { x: 1000, y: 1048, width: 24, height: 24 };
    const p = quickPromptPosition(tray, size, area);
    expect(p.y + size.height).toBeLessThanOrEqual(1048);
    expect(p.y + size.height).toBeGreaterThan(1020);
    expect(p.x + size.width / 2).toBe(1012);
    expect(inside(p, area)).toBe(true);
  });
  it('opens beside an icon on a left taskbar', () => {
    const area: Rect = { x: 48, y: 0, width: 1872, height: 1080 };
    const tray = { x: 12, y: 900, width: 24, height: 24 };
    const p = quickPromptPosition(tray, size, area);
    expect(p.x).toBeGreaterThanOrEqual(48);
    expect(p.x).toBeLessThan(60);
    expect(inside(p, area)).toBe(true);
  });
  it('opens beside an icon on a right taskbar', () => {
    const area: Rect = { x: 0, y: 0, width: 1872, height: 1080 };
    const tray = { x: 1884, y: 500, width: 24, height: 24 };
    const p = quickPromptPosition(tray, size, area);
    expect(p.x + size.width).toBeLessThanOrEqual(1872);
    expect(p.x + size.width).toBeGreaterThan(1860);
    expect(p.y + size.height / 2).toBe(512);
  });
  it('works on a second display left of and above the primary one (negative coordinates)', () => {
    const area: Rect = { x: -1920, y: -1080 + 25, width: 1920, height: 1055 };
    const tray = { x: -1000, y: -1080, width: 24, height: 24 };
    const p = quickPromptPosition(tray, size, area);
    expect(inside(p, area)).toBe(true);
    expect(p.x + size.width / 2).toBe(-988);
  });
  it('centres near the top of the work area without tray bounds (Linux, no tray)', () => {
    for (const tray of [null, { x: 0, y: 0, width: 0, height: 0 }]) {
      const p = quickPromptPosition(tray, size, mac);
      expect(p).toEqual({ x: 400, y: 25 + 175 });
    }
  });
  it('clamps at a bottom-right corner too', () => {
    const area: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
    const p = quickPromptPosition({ x: 1890, y: 1048, width: 24, height: 24 }, size, area);
    // The taskbar sits below the work area, so the work area's bottom edge is the limit.
    expect(p).toEqual({ x: 1920 - 640, y: 1040 - 420 });
  });
  it('pins a window larger than the work area to its top-left corner', () => {
    const small: Rect = { x: 0, y: 0, width: 600, height: 400 };
    expect(quickPromptPosition({ x: 300, y: 0, width: 20, height: 20 }, size, small)).toEqual({ x: 0, y: 0 });
  });
  it('returns whole pixels', () => {
    const p = quickPromptPosition({ x: 1000.5, y: 0, width: 23, height: 22 }, size, mac);
    expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
  });
});
