import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPgPool } from '../../../electron/core/vectors/createPgPool';
import { HearthError } from '../../../electron/shared/errors';
import { postgresUrlProblem, SettingsPatchSchema } from '../../../electron/shared/settings';

afterEach(() => vi.restoreAllMocks());

const base = 'postgres://hearth@db.example:5432/hearth';
const REFUSED = ['sslkey', 'sslcert', 'sslrootcert', 'sslcrl', 'passfile', 'service', 'host', 'port', 'password'];

describe('PostgreSQL addresses take only safe options', () => {
  it.each(REFUSED)('settings refuse %s with words, as INVALID_INPUT-shaped issues', (key) => {
    const parsed = SettingsPatchSchema.safeParse({
      storage: { postgresUrl: `${base}?sslmode=require&${key}=/nonexistent` },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(`"${key}"`);
    expect(parsed.error?.issues[0]?.message).toMatch(/allowed options are sslmode/);
  });

  it('settings take the allowed options', () => {
    const url = `${base}?sslmode=verify-full&connect_timeout=5&application_name=hearth&ssl=true`;
    expect(postgresUrlProblem(url)).toBeNull();
    expect(SettingsPatchSchema.safeParse({ storage: { postgresUrl: url } }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ storage: { postgresUrl: base } }).success).toBe(true);
  });

  it.each(['sslkey', 'sslcert', 'sslrootcert', 'passfile'])(
    'the pool refuses %s=/nonexistent before any file is read',
    (key) => {
      const reads = vi.spyOn(fs, 'readFileSync');
      let error: unknown;
      try {
        void createPgPool({ url: `${base}?sslmode=require&${key}=/nonexistent/file` }).end();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HearthError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(reads.mock.calls.filter(([path]) => String(path).startsWith('/nonexistent'))).toEqual([]);
    },
  );
});
