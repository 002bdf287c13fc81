import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from '../../../electron/server/originCheck';
import { SessionAuth } from '../../../electron/server/SessionAuth';

describe('SessionAuth', () => {
  it('exchanges a token exactly once', () => {
    const auth = new SessionAuth();
    const token = auth.issueToken();
    const session = auth.exchange(token);
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(auth.isValidSession(session!)).toBe(true);
    expect(auth.exchange(token)).toBeNull();
  });

  it('refuses unknown and expired tokens and sessions', () => {
    let now = 0;
    const auth = new SessionAuth({ now: () => now, tokenTtlMs: 1000, sessionTtlMs: 5000 });
    expect(auth.exchange('guess')).toBeNull();
    const stale = auth.issueToken();
    now = 2000;
    expect(auth.exchange(stale)).toBeNull();
    const session = auth.exchange(auth.issueToken())!;
    now = 8000;
    expect(auth.isValidSession(session)).toBe(false);
    expect(auth.isValidSession(undefined)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts only this server as Origin', () => {
    expect(isAllowedOrigin('http://127.0.0.1:4000', '127.0.0.1:4000')).toBe(true);
    expect(isAllowedOrigin(undefined, '127.0.0.1:4000')).toBe(true);
    expect(isAllowedOrigin('http://evil.example', '127.0.0.1:4000')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4001', '127.0.0.1:4000')).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:4000')).toBe(false);
    expect(isAllowedOrigin('file:///x', '127.0.0.1:4000')).toBe(false);
  });
});
