import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Options for the headless shell's sign-in. */
export interface SessionAuthOptions {
  /** How long a browser session lasts unused; each use extends it (sliding). Default 7 days. */
  sessionTtlMs?: number;
  /** How long a browser session lasts however often it is used. Default 30 days. */
  sessionMaxMs?: number;
  /** How long a printed sign-in token stays valid if unused. */
  tokenTtlMs?: number;
  now?: () => number;
}

export const SESSION_COOKIE = 'hearth_session';
/** WebSocket close code for a socket whose session was signed out (4000–4999 are the application's own). */
export const SIGNED_OUT_CLOSE_CODE = 4401;

const DAY = 24 * 3600_000;

interface Session {
  /** Ends here unless used again. */
  idleUntil: number;
  /** Ends here whatever happens. */
  endsAt: number;
}

const secret = () => randomBytes(32).toString('base64url');

/**
 * One-time tokens (printed in the terminal) exchanged for session ids (HttpOnly cookie). Everything is in
 * memory: restarting the shell signs every browser out, which is what a local tool should do.
 */
export class SessionAuth {
  readonly #tokens = new Map<string, number>();
  readonly #sessions = new Map<string, Session>();
  readonly #revoked = new Set<() => void>();

  constructor(private readonly options: SessionAuthOptions = {}) {}

  /** A new one-time sign-in token. */
  issueToken(): string {
    const token = secret();
    this.#tokens.set(token, this.#now() + (this.options.tokenTtlMs ?? 15 * 60_000));
    return token;
  }

  /** Consumes a token; returns a session id, or null if the token is unknown, used or expired. */
  exchange(token: string): string | null {
    for (const [candidate, expires] of this.#tokens) {
      if (expires < this.#now()) {
        this.#tokens.delete(candidate);
        continue;
      }
      if (safeEqual(candidate, token)) {
        this.#tokens.delete(candidate);
        const session = secret();
        this.#sessions.set(session, {
          idleUntil: this.#now() + this.#idleMs(),
          endsAt: this.#now() + (this.options.sessionMaxMs ?? 30 * DAY),
        });
        return session;
      }
    }
    return null;
  }

  /** Whether the session is live; a live one is extended by `sessionTtlMs` from now (up to its end). */
  isValidSession(id: string | undefined): boolean {
    if (!id) return false;
    const session = this.#sessions.get(id);
    if (!session) return false;
    const now = this.#now();
    if (session.idleUntil < now || session.endsAt < now) {
      this.#sessions.delete(id);
      return false;
    }
    session.idleUntil = Math.min(now + this.#idleMs(), session.endsAt);
    return true;
  }

  /**
   * Signs every browser out: every session and unused sign-in link stops working, and listeners (the WebSocket route)
   * close what those sessions hold open. Returns how many sessions ended.
   */
  revokeAll(): number {
    const count = this.#sessions.size;
    this.#sessions.clear();
    this.#tokens.clear();
    for (const listener of this.#revoked) listener();
    return count;
  }

  /** Called after every `revokeAll`; returns an unsubscribe function. */
  onRevoked(listener: () => void): () => void {
    this.#revoked.add(listener);
    return () => this.#revoked.delete(listener);
  }

  #idleMs(): number {
    return this.options.sessionTtlMs ?? 7 * DAY;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
