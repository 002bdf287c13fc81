import { SETTINGS_VERSION } from '../../../electron/shared/settings';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../electron/shared/settings';
import { startTestCore, tempDir } from '../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-settings-');
});
afterEach(() => dir.remove());

describe('settings on disk', () => {
  it('survive a restart of the core', async () => {
    const first = await startTestCore(dir.path);
    await first.services.settings.update({ inference: { threads: 6 }, appearance: { theme: 'light' } });
    await first.dispose();
    const second = await startTestCore(dir.path);
    expect(second.settings.get().inference.threads).toBe(6);
    expect(second.settings.get().appearance.theme).toBe('light');
    await second.dispose();
  });

  it('migrate an old file forward at start and rewrite it', async () => {
    await writeFile(join(dir.path, 'settings.json'), JSON.stringify({ theme: 'dark', threads: 3 }));
    const core = await startTestCore(dir.path);
    expect(core.services.settings.get()).toMatchObject({
      version: SETTINGS_VERSION,
      appearance: { theme: 'dark' },
      inference: { threads: 3 },
    });
    await core.dispose();
    expect(JSON.parse(await readFile(join(dir.path, 'settings.json'), 'utf8'))).toMatchObject({
      version: SETTINGS_VERSION,
    });
  });

  it('keep a corrupt file aside and start from defaults', async () => {
    await writeFile(join(dir.path, 'settings.json'), '{ not json');
    const core = await startTestCore(dir.path);
    expect(core.services.settings.get()).toEqual(DEFAULT_SETTINGS);
    await core.dispose();
  });

  it('write logs as JSON lines under logs/', async () => {
    const core = await startTestCore(dir.path, { logLevel: 'info' });
    await core.dispose();
    const lines = (await readFile(join(dir.path, 'logs', 'hearth.log'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(expect.arrayContaining(['core started', 'core stopped']));
  });
});
