import { describe, expect, it } from 'vitest';
import type { KeyCheck } from '../../../../electron/core/gateway/ApiKeyStore';
import { GatewayAuth } from '../../../../electron/server/gateway/GatewayAuth';

const limits = { requestsPerMinute: 60, concurrentStreams: 2 };
const keys: Record<string, KeyCheck> = {
  good: { ok: true, key: { id: 'key_aaaaaaaa', name: 'a', scopes: ['search'], limits } },
  admin: { ok: true, key: { id: 'key_bbbbbbbb', name: 'b', scopes: ['admin'], limits } },
  gone: { ok: false, reason: 'revoked' },
  old: { ok: false, reason: 'expired' },
};
const auth = new GatewayAuth({ verify: (secret) => keys[secret] ?? { ok: false, reason: 'unknown' } });

describe('GatewayAuth.authenticate', () => {
  it('admits a live key holding the scope', () => {
    expect(auth.authenticate('Bearer good', 'search')).toEqual({ ok: true, key: keys.good?.ok && keys.good.key });
    expect(auth.authenticate('bearer   admin ', 'ingest')).toMatchObject({ ok: true });
    expect(auth.authenticate('Bearer good', null)).toMatchObject({ ok: true });
  });

  it.each([
    [undefined, 401, 'missing_api_key'],
    ['', 401, 'missing_api_key'],
    ['Basic Z29vZA==', 401, 'missing_api_key'],
    ['Bearer', 401, 'missing_api_key'],
    ['Bearer wrong', 401, 'invalid_api_key'],
    ['Bearer gone', 401, 'invalid_api_key'],
    ['Bearer old', 401, 'invalid_api_key'],
  ])('refuses %j with %i %s', (header, status, code) => {
    expect(auth.authenticate(header, 'search')).toMatchObject({ ok: false, status, code });
  });

  it('revoked, expired and unknown keys read the same to the caller', () => {
    const messages = ['wrong', 'gone', 'old'].map((k) => {
      const result = auth.authenticate(`Bearer ${k}`, 'search');
      return result.ok ? '' : result.message;
    });
    expect(new Set(messages).size).toBe(1);
  });

  it('refuses a live key without the scope with 403', () => {
    expect(auth.authenticate('Bearer good', 'chat')).toMatchObject({
      ok: false,
      status: 403,
      code: 'insufficient_scope',
    });
  });
});
