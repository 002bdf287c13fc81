import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SMOKE_OK, waitForFirstLoad } from '../../../electron/main/smokeTest';

describe('waitForFirstLoad', () => {
  it('resolves ok on did-finish-load', async () => {
    const contents = new EventEmitter();
    const outcome = waitForFirstLoad(contents, 1000);
    contents.emit('did-finish-load');
    await expect(outcome).resolves.toEqual({ ok: true });
  });
  it('fails on a main-frame load failure, not on a subframe’s', async () => {
    const contents = new EventEmitter();
    const outcome = waitForFirstLoad(contents, 1000);
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'file:///x/frame.html', false);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///x/index.html', true);
    await expect(outcome).resolves.toEqual({
      ok: false,
      reason: 'load failed (-6 ERR_FILE_NOT_FOUND) for file:///x/index.html',
    });
  });
  it('fails when the renderer dies or nothing happens in time', async () => {
    const gone = new EventEmitter();
    const outcome = waitForFirstLoad(gone, 1000);
    gone.emit('render-process-gone', {}, { reason: 'crashed' });
    await expect(outcome).resolves.toEqual({ ok: false, reason: 'renderer gone: crashed' });
    await expect(waitForFirstLoad(new EventEmitter(), 10)).resolves.toEqual({
      ok: false,
      reason: 'no load within 10 ms',
    });
  });
  it('prints the marker the macOS workflow looks for', () => {
    expect(SMOKE_OK).toBe('HEARTH_SMOKE_OK');
  });
});
