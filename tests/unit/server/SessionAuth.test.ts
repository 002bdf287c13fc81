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

describe('SessionAuth lifetime and sign-out', () => {
  const DAY = 24 * 3600_000;

  it('slides: a session used within 7 days lives on, an idle one ends, and none outlives 30 days', () => {
    let now = 0;
    const auth = new SessionAuth({ now: () => now });
    const session = auth.exchange(auth.issueToken())!;
    for (let day = 6; day <= 30; day += 6) {
      now = day * DAY;
      expect(auth.isValidSession(session), `day ${day}`).toBe(true);
    }
    now = 30 * DAY + 1;
    expect(auth.isValidSession(session)).toBe(false);
    const idle = auth.exchange(auth.issueToken())!;
    now += 7 * DAY + 1;
    expect(auth.isValidSession(idle)).toBe(false);
  });

  it('revokeAll ends every session and unused link, and tells its listeners', () => {
    const auth = new SessionAuth();
    const sessions = [auth.exchange(auth.issueToken())!, auth.exchange(auth.issueToken())!];
    const unused = auth.issueToken();
    let told = 0;
    const off = auth.onRevoked(() => told++);
    expect(auth.revokeAll()).toBe(2);
    expect(sessions.map((s) => auth.isValidSession(s))).toEqual([false, false]);
    expect(auth.exchange(unused)).toBeNull();
    expect(told).toBe(1);
    off();
    auth.revokeAll();
    expect(told).toBe(1);
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
