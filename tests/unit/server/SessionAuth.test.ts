import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../../../electron/server/MemorySessionStore';
import { isAllowedOrigin } from '../../../electron/server/originCheck';
import { SessionAuth } from '../../../electron/server/SessionAuth';
import type { SessionStore, StoredSession } from '../../../electron/server/SessionStore';

describe('SessionAuth', () => {
  it('exchanges a token exactly once', async () => {
    const auth = new SessionAuth();
    const token = await auth.issueToken();
    const session = await auth.exchange(token);
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(await auth.isValidSession(session!)).toBe(true);
    expect(await auth.exchange(token)).toBeNull();
  });

  it('refuses unknown and expired tokens and sessions', async () => {
    let now = 0;
    const auth = new SessionAuth({ now: () => now, tokenTtlMs: 1000, sessionTtlMs: 5000 });
    expect(await auth.exchange('guess')).toBeNull();
    const stale = await auth.issueToken();
    now = 2000;
    expect(await auth.exchange(stale)).toBeNull();
    const session = (await auth.exchange(await auth.issueToken()))!;
    now = 8000;
    expect(await auth.isValidSession(session)).toBe(false);
    expect(await auth.isValidSession(undefined)).toBe(false);
  });

  it('hands the store only SHA-256 hashes, never a token or session id', async () => {
    const seen: string[] = [];
    const inner = new MemorySessionStore();
    const store: SessionStore = {
      addToken: (hash, expiresAt) => (seen.push(hash), inner.addToken(hash, expiresAt)),
      takeToken: (hash, now) => (seen.push(hash), inner.takeToken(hash, now)),
      addSession: (hash, session: StoredSession, now) => (seen.push(hash), inner.addSession(hash, session, now)),
      touchSession: (hash, now, idleMs) => (seen.push(hash), inner.touchSession(hash, now, idleMs)),
      revokeAll: () => inner.revokeAll(),
      onRevokedElsewhere: () => () => undefined,
    };
    const auth = new SessionAuth({ store });
    const token = await auth.issueToken();
    const session = (await auth.exchange(token))!;
    expect(await auth.isValidSession(session)).toBe(true);
    expect(seen.length).toBe(4);
    for (const hash of seen) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(session);
  });
});

describe('SessionAuth lifetime and sign-out', () => {
  const DAY = 24 * 3600_000;

  it('slides: a session used within 7 days lives on, an idle one ends, and none outlives 30 days', async () => {
    let now = 0;
    const auth = new SessionAuth({ now: () => now });
    const session = (await auth.exchange(await auth.issueToken()))!;
    for (let day = 6; day <= 30; day += 6) {
      now = day * DAY;
      expect(await auth.isValidSession(session), `day ${day}`).toBe(true);
    }
    now = 30 * DAY + 1;
    expect(await auth.isValidSession(session)).toBe(false);
    const idle = (await auth.exchange(await auth.issueToken()))!;
    now += 7 * DAY + 1;
    expect(await auth.isValidSession(idle)).toBe(false);
  });

  it('revokeAll ends every session and unused link, and tells its listeners', async () => {
    const auth = new SessionAuth();
    const sessions = [(await auth.exchange(await auth.issueToken()))!, (await auth.exchange(await auth.issueToken()))!];
    const unused = await auth.issueToken();
    let told = 0;
    const off = auth.onRevoked(() => told++);
    expect(await auth.revokeAll()).toBe(2);
    expect(await Promise.all(sessions.map((s) => auth.isValidSession(s)))).toEqual([false, false]);
    expect(await auth.exchange(unused)).toBeNull();
    expect(told).toBe(1);
    off();
    await auth.revokeAll();
    expect(told).toBe(1);
  });

  it('tells its listeners when the store reports a revocation by another replica, until disposed', async () => {
    const elsewhere = new Set<() => void>();
    const store = Object.assign(new MemorySessionStore(), {
      onRevokedElsewhere: (listener: () => void) => (elsewhere.add(listener), () => elsewhere.delete(listener)),
    });
    const auth = new SessionAuth({ store });
    let told = 0;
    auth.onRevoked(() => told++);
    for (const listener of elsewhere) listener();
    expect(told).toBe(1);
    auth.dispose();
    expect(elsewhere.size).toBe(0);
  });
});

describe('MemorySessionStore', () => {
  it('gives a token to one taker only, and clears expired tokens and ended sessions as new ones come', async () => {
    const store = new MemorySessionStore();
    await store.addToken('t1', 100);
    await store.addToken('t2', 10);
    expect(await Promise.all([store.takeToken('t1', 50), store.takeToken('t1', 50)])).toEqual([true, false]);
    expect(await store.takeToken('t2', 50)).toBe(false);
    await store.addSession('s1', { idleUntil: 10, endsAt: 100 }, 0);
    await store.addSession('s2', { idleUntil: 90, endsAt: 100 }, 50);
    // s1 went idle at 10 and was cleared when s2 came; it would also have failed on its own.
    expect(await store.revokeAll()).toBe(1);
  });

  it('extends a live session up to its end and drops an ended one', async () => {
    const store = new MemorySessionStore();
    await store.addSession('s', { idleUntil: 10, endsAt: 25 }, 0);
    expect(await store.touchSession('s', 5, 10)).toBe(true); // idle until 15
    expect(await store.touchSession('s', 15, 10)).toBe(true); // idle until 25 (capped)
    expect(await store.touchSession('s', 26, 10)).toBe(false);
    expect(await store.touchSession('s', 20, 10)).toBe(false); // gone, even at an earlier time
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
