/**
 * Changes the address's hash without a new history entry (the same screen, now named more precisely), and tells
 * the hash subscribers: `history.replaceState` fires no `hashchange` of its own.
 */
export function replaceHash(hash: string): void {
  if (location.hash === hash) return;
  history.replaceState(history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
