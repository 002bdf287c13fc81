import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../../electron/core/paths/resolveDataDir';

describe('resolveDataDir', () => {
  it('uses HEARTH_HOME when set', () => {
    expect(resolveDataDir({ env: { HEARTH_HOME: '/data/hearth' }, platform: 'darwin', home: '/Users/a' })).toBe(
      '/data/hearth',
    );
  });
  it('defaults to Application Support on macOS', () => {
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe(
      '/Users/a/Library/Application Support/Hearth',
    );
  });
  it('follows XDG on Linux', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.local/share/hearth');
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/x' }, platform: 'linux', home: '/home/a' })).toBe('/x/hearth');
  });
});
