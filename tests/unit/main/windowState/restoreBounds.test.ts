import { describe, expect, it } from 'vitest';
import { restoreBounds } from '../../../../electron/main/windowState/restoreBounds';

const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const external = { workArea: { x: 1440, y: 0, width: 2560, height: 1415 } };

describe('restoreBounds', () => {
  it('keeps bounds that fit on a display as they were', () => {
    const saved = { x: 100, y: 100, width: 1000, height: 700 };
    expect(restoreBounds(saved, [laptop])).toEqual(saved);
    const onExternal = { x: 2000, y: 200, width: 1200, height: 800 };
    expect(restoreBounds(onExternal, [laptop, external])).toEqual(onExternal);
  });
  it('moves a window from an unplugged display onto the primary one, centred', () => {
    const onExternal = { x: 2000, y: 200, width: 1200, height: 800 };
    expect(restoreBounds(onExternal, [laptop])).toEqual({ x: 120, y: 25 + 38, width: 1200, height: 800 });
  });
  it('pulls a window hanging off an edge back inside, title bar reachable', () => {
    expect(restoreBounds({ x: 1200, y: -300, width: 800, height: 600 }, [laptop])).toEqual({
      x: 640,
      y: 25,
      width: 800,
      height: 600,
    });
  });
  it('puts a window straddling two displays on the one it overlaps most', () => {
    const saved = { x: 1300, y: 100, width: 1000, height: 700 };
    expect(restoreBounds(saved, [laptop, external])).toEqual({ x: 1440, y: 100, width: 1000, height: 700 });
  });
  it('shrinks a window bigger than its display (a smaller screen now)', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
    });
  });
  it('keeps the minimum size', () => {
    expect(restoreBounds({ x: 10, y: 30, width: 50, height: 50 }, [laptop])).toMatchObject({ width: 360, height: 480 });
  });
  it('gives up on nothing or nonsense, so the default size is used', () => {
    for (const saved of [
      null,
      undefined,
      'x',
      {},
      { x: 0, y: 0, width: 0, height: 10 },
      { x: NaN, y: 0, width: 9, height: 9 },
    ]) {
      expect(restoreBounds(saved, [laptop])).toBeNull();
    }
    expect(restoreBounds({ x: 0, y: 0, width: 800, height: 600 }, [])).toBeNull();
  });
});
