import { contract } from '../../shared/contract';
import type { Handlers } from '../rpc/Dispatcher';

/**
 * Joins the parts' handler maps into the dispatcher's one map, and refuses to start a core where a call or stream
 * channel of the contract is served by no part, or by two (a spread would let the later part win without a word).
 */
export function mergeHandlers(parts: ReadonlyArray<{ handlers: object }>): Handlers {
  const merged: Record<string, unknown> = {};
  for (const { handlers } of parts) {
    for (const [channel, handler] of Object.entries(handlers)) {
      if (channel in merged) throw new Error(`Two parts serve the channel "${channel}".`);
      merged[channel] = handler;
    }
  }
  const missing = Object.entries(contract)
    .filter(([channel, entry]) => entry.kind !== 'event' && typeof merged[channel] !== 'function')
    .map(([channel]) => channel);
  if (missing.length) throw new Error(`No part serves ${missing.map((c) => `"${c}"`).join(', ')}.`);
  return merged as Handlers;
}
