import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings';
import { withoutCredentials } from '../../../../electron/core/telemetry/withoutCredentials';

describe('settings in a diagnostics bundle', () => {
  it('drop the user name and password typed into any address, and keep everything else', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      fallback: { ...DEFAULT_SETTINGS.fallback, remoteBaseUrl: 'https://me:hunter2@llm.example/v1' },
      storage: { ...DEFAULT_SETTINGS.storage, postgresUrl: 'postgres://hearth@db.example:5432/hearth' },
      privacy: { telemetry: 'local' as const, otlpEndpoint: 'http://collector.example:4318' },
    };
    const out = withoutCredentials(settings) as typeof settings;
    expect(out.fallback.remoteBaseUrl).toBe('https://llm.example/v1');
    expect(out.storage.postgresUrl).toBe('postgres://db.example:5432/hearth');
    expect(out.privacy.otlpEndpoint).toBe('http://collector.example:4318');
    expect(JSON.stringify(out)).not.toMatch(/hunter2|me:/);
    expect(out.answers).toEqual(DEFAULT_SETTINGS.answers);
  });
});
