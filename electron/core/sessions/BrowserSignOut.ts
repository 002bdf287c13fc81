/** Ends every browser session of one server and returns how many ended. */
export type RevokeSessions = () => Promise<number>;

/**
 * "Sign out all browsers": the sessions live in whichever headless server runs on this core (none in the desktop
 * app), so each server registers how to end its own, and the contract's `sessions.signOutAll` ends them all.
 */
export class BrowserSignOut {
  readonly #servers = new Set<RevokeSessions>();

  /** Registers a server's revocation; returns the function that unregisters it (when the server closes). */
  register(revoke: RevokeSessions): () => void {
    this.#servers.add(revoke);
    return () => this.#servers.delete(revoke);
  }

  /** Ends every browser session of every registered server; returns how many ended. */
  async signOutAll(): Promise<number> {
    let ended = 0;
    for (const revoke of this.#servers) ended += await revoke();
    return ended;
  }
}
