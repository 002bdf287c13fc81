import { describe, expect, it, vi } from 'vitest';
import { filterDroppedPaths } from '../../../../electron/main/files/filterDroppedPaths';
import { ingestPaths } from '../../../../electron/main/ingestPaths';

describe('filterDroppedPaths', () => {
  it('keeps absolute paths, normalised and once each', () => {
    expect(filterDroppedPaths(['/a/b/../c.pdf', '/a/c.pdf', '/x/y.md'])).toEqual(['/a/c.pdf', '/x/y.md']);
  });
  it('drops relative and empty paths and Finder’s metadata files', () => {
    expect(filterDroppedPaths(['', 'rel.txt', '/d/.DS_Store', '/d/._report.pdf', '/d/report.pdf'])).toEqual([
      '/d/report.pdf',
    ]);
  });
});

describe('ingestPaths', () => {
  const deps = () => ({ ingest: vi.fn(async () => undefined), showMainWindow: vi.fn(), log: vi.fn() });

  it('shows the main window and hands the filtered paths to ingestion', async () => {
    const d = deps();
    expect(await ingestPaths(['/d/a.pdf', '/d/.DS_Store', '/d/a.pdf'], d)).toEqual(['/d/a.pdf']);
    expect(d.showMainWindow).toHaveBeenCalledOnce();
    expect(d.ingest).toHaveBeenCalledWith(['/d/a.pdf']);
  });
  it('does nothing for nothing (a bare second launch)', async () => {
    const d = deps();
    expect(await ingestPaths([], d)).toEqual([]);
    expect(d.showMainWindow).not.toHaveBeenCalled();
    expect(d.ingest).not.toHaveBeenCalled();
  });
  it('logs a failure to start instead of rejecting (it runs from OS events)', async () => {
    const d = { ...deps(), ingest: vi.fn(async () => Promise.reject(new Error('core busy'))) };
    await expect(ingestPaths(['/d/a.pdf'], d)).resolves.toEqual(['/d/a.pdf']);
    expect(d.log).toHaveBeenCalledWith('could not start ingestion', { count: 1, error: 'core busy' });
  });
});
