import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
} from '../../../../electron/main/windowState/windowStateFile';

describe('window-state.json', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-window-state-'));
    dirs.push(dir);
    return join(dir, WINDOW_STATE_FILE);
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips the bounds and the maximised flag', () => {
    const path = file();
    writeWindowState(path, { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true });
    expect(readWindowState(path)).toEqual({ bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: true });
    expect(readdirSync(join(path, '..'))).toEqual([WINDOW_STATE_FILE]);
  });
  it('reads a missing or corrupt file as nothing saved', () => {
    const path = file();
    expect(readWindowState(path)).toBeNull();
    writeFileSync(path, '{not json');
    expect(readWindowState(path)).toBeNull();
    writeFileSync(path, 'null');
    expect(readWindowState(path)).toBeNull();
  });
});
