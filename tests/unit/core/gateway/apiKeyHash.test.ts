import { describe, expect, it } from 'vitest';
import {
  displayPrefix,
  hashApiKey,
  keyIdOf,
  newApiKey,
  sameKeyHash,
} from '../../../../electron/core/gateway/apiKeyHash';

describe('API key hashing', () => {
  it('makes keys that name their record id, differ every time and show only a prefix', () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.secret).toMatch(/^hk_live_[a-z0-9]{8}[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(keyIdOf(a.secret)).toBe(a.id);
    expect(a.prefix).toBe(`${a.secret.slice(0, 16)}…`);
    expect(displayPrefix(a.secret)).toBe(a.prefix);
    expect(a.secret.startsWith(a.prefix.slice(0, -1))).toBe(true);
  });

  it('refuses shapes that are not Hearth keys', () => {
    for (const junk of [
      '',
      'hk_live_',
      'Bearer x',
      `hk_live_ABCDEFGH${'a'.repeat(43)}`,
      `hk_test_abcdefgh${'a'.repeat(43)}`,
    ]) {
      expect(keyIdOf(junk)).toBeNull();
    }
  });

  it('compares hashes by value: the same key matches, a key one character off does not', () => {
    const { secret } = newApiKey();
    const stored = hashApiKey(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(sameKeyHash(stored, hashApiKey(secret))).toBe(true);
    const off = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    expect(sameKeyHash(stored, hashApiKey(off))).toBe(false);
    expect(sameKeyHash(stored, '')).toBe(false);
    expect(sameKeyHash('', '')).toBe(false);
  });
});
