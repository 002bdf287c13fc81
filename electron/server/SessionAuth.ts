import { createHash, randomBytes } from 'node:crypto';
import { MemorySessionStore } from './MemorySessionStore';
import type { SessionStore } from './SessionStore';

/** Options for the headless shell's sign-in. */
export interface SessionAuthOptions {
  /** How long a browser session lasts unused; each use extends it (sliding). Default 7 days. */
  sessionTtlMs?: number;
  /** How long a browser session lasts however often it is used. Default 30 days. */
  sessionMaxMs?: number;
  /** How long a printed sign-in token stays valid if unused. */
  tokenTtlMs?: number;
  /** Where tokens and sessions are kept. Default: this process's memory; PgSessionStore shares them among replicas. */
  store?: SessionStore;
  now?: () => number;
}

export const SESSION_COOKIE = 'hearth_session';
/** WebSocket close code for a socket whose session was signed out (4000–4999 are the application's own). */
export const SIGNED_OUT_CLOSE_CODE = 4401;

const DAY = 24 * 3600_000;

const secret = () => randomBytes(32).toString('base64url');

/** What the store keeps instead of a secret: a leaked table (or heap dump) holds nothing that signs anyone in. */
const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * One-time tokens (printed in the terminal) exchanged for session ids (HttpOnly cookie). Stores see only their
 * SHA-256, so a lookup by hash needs no constant-time comparison: a timing difference reveals nothing about a secret.
 */
export class SessionAuth {
  readonly #revoked = new Set<() => void>();
  readonly #store: SessionStore;
  readonly #unsubscribe: () => void;

  constructor(private readonly options: SessionAuthOptions = {}) {
    this.#store = options.store ?? new MemorySessionStore();
    this.#unsubscribe = this.#store.onRevokedElsewhere(() => this.#tellRevoked());
  }

  /** A new one-time sign-in token. */
  async issueToken(): Promise<string> {
    const token = secret();
    await this.#store.addToken(hashOf(token), this.#now() + (this.options.tokenTtlMs ?? 15 * 60_000));
    return token;
  }

  /** Consumes a token; returns a session id, or null if the token is unknown, used or expired. */
  async exchange(token: string): Promise<string | null> {
    const now = this.#now();
    if (!(await this.#store.takeToken(hashOf(token), now))) return null;
    const session = secret();
    await this.#store.addSession(
      hashOf(session),
      {
        idleUntil: now + this.#idleMs(),
        endsAt: now + (this.options.sessionMaxMs ?? 30 * DAY),
      },
      now,
    );
    return session;
  }

  /** Whether the session is live; a live one is extended by `sessionTtlMs` from now (up to its end). */
  async isValidSession(id: string | undefined): Promise<boolean> {
    if (!id) return false;
    return this.#store.touchSession(hashOf(id), this.#now(), this.#idleMs());
  }

  /**
   * Signs every browser out: every session and unused sign-in link stops working (on every replica sharing the
   * store), and listeners (the WebSocket route) close what those sessions hold open. Returns how many sessions ended.
   */
  async revokeAll(): Promise<number> {
    const count = await this.#store.revokeAll();
    this.#tellRevoked();
    return count;
  }

  /** Called after every `revokeAll`, here or on another replica sharing the store; returns an unsubscribe function. */
  onRevoked(listener: () => void): () => void {
    this.#revoked.add(listener);
    return () => this.#revoked.delete(listener);
  }

  /** Stops following the store's revocations; the store itself belongs to whoever made it. */
  dispose(): void {
    this.#unsubscribe();
    this.#revoked.clear();
  }

  #tellRevoked(): void {
    for (const listener of this.#revoked) listener();
  }

  #idleMs(): number {
    return this.options.sessionTtlMs ?? 7 * DAY;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
