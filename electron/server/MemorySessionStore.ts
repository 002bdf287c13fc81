import type { SessionStore, StoredSession } from './SessionStore';

/** Tokens and sessions in this process only: restarting the shell signs every browser out (the desktop default). */
export class MemorySessionStore implements SessionStore {
  readonly #tokens = new Map<string, number>();
  readonly #sessions = new Map<string, StoredSession>();

  async addToken(hash: string, expiresAt: number): Promise<void> {
    this.#tokens.set(hash, expiresAt);
  }

  async takeToken(hash: string, now: number): Promise<boolean> {
    // Unused links would otherwise pile up for as long as the shell runs.
    for (const [candidate, expires] of this.#tokens) if (expires < now) this.#tokens.delete(candidate);
    return this.#tokens.delete(hash);
  }

  async addSession(hash: string, session: StoredSession, now: number): Promise<void> {
    for (const [candidate, { idleUntil, endsAt }] of this.#sessions) {
      if (idleUntil < now || endsAt < now) this.#sessions.delete(candidate);
    }
    this.#sessions.set(hash, { ...session });
  }

  async touchSession(hash: string, now: number, idleMs: number): Promise<boolean> {
    const session = this.#sessions.get(hash);
    if (!session) return false;
    if (session.idleUntil < now || session.endsAt < now) {
      this.#sessions.delete(hash);
      return false;
    }
    session.idleUntil = Math.min(now + idleMs, session.endsAt);
    return true;
  }

  async revokeAll(): Promise<number> {
    const count = this.#sessions.size;
    this.#sessions.clear();
    this.#tokens.clear();
    return count;
  }

  /** Nothing shares this store, so nothing is revoked elsewhere. */
  onRevokedElsewhere(): () => void {
    return () => undefined;
  }
}
