import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Options for the headless shell's sign-in. */
export interface SessionAuthOptions {
  /** How long a browser session lasts. */
  sessionTtlMs?: number;
  /** How long a printed sign-in token stays valid if unused. */
  tokenTtlMs?: number;
  now?: () => number;
}

export const SESSION_COOKIE = 'hearth_session';

const secret = () => randomBytes(32).toString('base64url');

/**
 * One-time tokens (printed in the terminal) exchanged for session ids (HttpOnly cookie). Everything is in
 * memory: restarting the shell signs every browser out, which is what a local tool should do.
 */
export class SessionAuth {
  readonly #tokens = new Map<string, number>();
  readonly #sessions = new Map<string, number>();

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
        this.#sessions.set(session, this.#now() + (this.options.sessionTtlMs ?? 30 * 24 * 3600_000));
        return session;
      }
    }
    return null;
  }

  isValidSession(id: string | undefined): boolean {
    if (!id) return false;
    const expires = this.#sessions.get(id);
    if (expires === undefined) return false;
    if (expires < this.#now()) {
      this.#sessions.delete(id);
      return false;
    }
    return true;
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
