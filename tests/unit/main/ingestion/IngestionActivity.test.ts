import { describe, expect, it, vi } from 'vitest';
import { IngestionActivity } from '../../../../electron/main/ingestion/IngestionActivity';
import { ingestionStatusLabel } from '../../../../electron/main/ingestion/IngestionStatus';

describe('ingestionStatusLabel', () => {
  it('says Idle or how far a batch is', () => {
    expect(ingestionStatusLabel({ kind: 'idle' })).toBe('Idle');
    expect(ingestionStatusLabel({ kind: 'indexing', done: 3, total: 10 })).toBe('Indexing 3 of 10 files');
    expect(ingestionStatusLabel({ kind: 'indexing', done: 0, total: 1 })).toBe('Indexing 0 of 1 file');
    expect(ingestionStatusLabel({ kind: 'indexing', done: 12, total: 10 })).toBe('Indexing 10 of 10 files');
  });
});

describe('IngestionActivity', () => {
  function setup() {
    const options = { keepAwakeWhile: vi.fn(), onChange: vi.fn(), notify: vi.fn() };
    return { activity: new IngestionActivity(options), options };
  }
  it('starts idle', () => {
    expect(setup().activity.status).toEqual({ kind: 'idle' });
  });
  it('keeps the Mac awake while a batch runs and lets it sleep after', () => {
    const { activity, options } = setup();
    activity.update({ kind: 'indexing', done: 0, total: 2 });
    activity.update({ kind: 'indexing', done: 1, total: 2 });
    activity.update({ kind: 'idle' });
    expect(options.keepAwakeWhile.mock.calls).toEqual([[true], [true], [false]]);
    expect(options.onChange).toHaveBeenCalledTimes(3);
    expect(activity.status).toEqual({ kind: 'idle' });
  });
  it('notifies once when a batch finishes', () => {
    const { activity, options } = setup();
    activity.update({ kind: 'indexing', done: 9, total: 10 });
    activity.update({ kind: 'idle' });
    activity.update({ kind: 'idle' });
    expect(options.notify).toHaveBeenCalledOnce();
    expect(options.notify).toHaveBeenCalledWith('Hearth finished indexing', '10 files are ready to ask about.');
  });
  it('ignores repeats of the same status', () => {
    const { activity, options } = setup();
    activity.update({ kind: 'idle' });
    activity.update({ kind: 'indexing', done: 1, total: 3 });
    activity.update({ kind: 'indexing', done: 1, total: 3 });
    expect(options.onChange).toHaveBeenCalledOnce();
  });
});
