import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../../electron/core/settings/migrateSettings';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../../../electron/shared/settings';

describe('migrateSettings', () => {
  it('keeps a current, valid file unchanged', () => {
    const stored = { ...DEFAULT_SETTINGS, appearance: { ...DEFAULT_SETTINGS.appearance, theme: 'dark' } };
    expect(migrateSettings(stored)).toEqual({ settings: stored, changed: false, dropped: [] });
  });

  it('migrates the flat version-0 shape forward, keeping its values', () => {
    const { settings, changed } = migrateSettings({ theme: 'light', threads: 6, contextSize: 8192 });
    expect(changed).toBe(true);
    expect(settings.version).toBe(SETTINGS_VERSION);
    expect(settings.appearance.theme).toBe('light');
    expect(settings.inference).toEqual({ ...DEFAULT_SETTINGS.inference, threads: 6, contextSize: 8192 });
    expect(settings.server).toEqual(DEFAULT_SETTINGS.server);
  });

  it('resets only the invalid fields and reports them', () => {
    const { settings, dropped } = migrateSettings({
      ...DEFAULT_SETTINGS,
      inference: { threads: -4, contextSize: 2048, idleUnloadMinutes: 5 },
      server: { host: 'evil.example.com', port: 8080 },
    });
    expect(settings.inference).toEqual({ threads: 2, contextSize: 2048, idleUnloadMinutes: 5 });
    expect(settings.server).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(dropped.sort()).toEqual(['inference.threads', 'server.host']);
  });

  it('turns garbage into defaults', () => {
    for (const junk of [null, 42, 'x', [], { version: 'two' }]) {
      expect(migrateSettings(junk).settings).toEqual(DEFAULT_SETTINGS);
    }
  });
});

describe('migrateSettings v1 → v2', () => {
  it('keeps every v1 value and adds the fallback and storage sections with defaults', () => {
    const v1 = {
      version: 1,
      appearance: { theme: 'dark' },
      inference: { threads: 4, contextSize: 8192, idleUnloadMinutes: 0 },
      library: { maxFileSizeMB: 100 },
      server: { host: '127.0.0.1', port: 4317 },
      privacy: { telemetry: 'local' },
    };
    const { settings, changed } = migrateSettings(v1);
    expect(changed).toBe(true);
    expect(settings).toEqual({
      ...v1,
      version: 3,
      // The send key came without a version step: the default fills in.
      appearance: { theme: 'dark', sendWith: DEFAULT_SETTINGS.appearance.sendWith },
      // v3 added OCR languages without a version step: the default fills in.
      library: { ...v1.library, ocrLanguages: DEFAULT_SETTINGS.library.ocrLanguages },
      privacy: { telemetry: 'local', otlpEndpoint: '' },
      answers: DEFAULT_SETTINGS.answers,
      fallback: DEFAULT_SETTINGS.fallback,
      storage: DEFAULT_SETTINGS.storage,
    });
  });
});
