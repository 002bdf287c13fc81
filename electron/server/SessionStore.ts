/** A session as stored: both limits in milliseconds since the epoch. */
export interface StoredSession {
  /** Ends here unless used again. */
  idleUntil: number;
  /** Ends here whatever happens. */
  endsAt: number;
}

/**
 * Where SessionAuth keeps sign-in tokens and sessions, keyed by the SHA-256 of each secret (never the secret itself).
 * One store may be shared by several replicas (PgSessionStore); times come from the caller, so tests control them.
 */
export interface SessionStore {
  /** Keeps a one-time token until `expiresAt`. */
  addToken(hash: string, expiresAt: number): Promise<void>;
  /** Removes a token; true only when it existed and had not expired at `now`. Of racing callers, one gets true. */
  takeToken(hash: string, now: number): Promise<boolean>;
  /** Keeps a session; `now` lets the store clear sessions that have ended meanwhile. */
  addSession(hash: string, session: StoredSession, now: number): Promise<void>;
  /**
   * Whether the session is live at `now`; a live one is extended to `now + idleMs` (never past its end), an ended one
   * removed.
   */
  touchSession(hash: string, now: number, idleMs: number): Promise<boolean>;
  /** Removes every session and token (of every replica sharing the store); returns how many sessions it removed. */
  revokeAll(): Promise<number>;
  /** Told when another replica sharing the store revoked everything; returns the unsubscribe function. */
  onRevokedElsewhere(listener: () => void): () => void;
}
