/**
 * Token deltas arrive far faster than anyone reads; they are appended to the store at most once per frame, so only
 * the streaming answer re-renders, never the history.
 */
export interface TokenBuffer {
  push: (delta: string) => void;
  /** Flushes what is pending now (end of stream). */
  drain: () => void;
}

export function createTokenBuffer(flush: (text: string) => void): TokenBuffer {
  let pending = '';
  let frame: number | null = null;
  const run = () => {
    frame = null;
    if (!pending) return;
    const text = pending;
    pending = '';
    flush(text);
  };
  return {
    push(delta) {
      pending += delta;
      if (frame === null) frame = requestAnimationFrame(run);
    },
    drain() {
      if (frame !== null) cancelAnimationFrame(frame);
      run();
    },
  };
}

/** How often a screen reader hears the new part of a streaming answer. */
const ANNOUNCE_EVERY_MS = 2500;

export interface StreamAnnouncer {
  /** Called with the whole answer so far; announces the unspoken part, up to a word end, when enough time passed. */
  update: (text: string) => void;
  /** Announces whatever is left, with a closing word. */
  finish: (text: string, closing: string) => void;
}

/** A polite, throttled narration of a streaming answer (a live region re-reading every token would be noise). */
export function createStreamAnnouncer(announce: (text: string) => void): StreamAnnouncer {
  let spoken = 0;
  let last = Date.now();
  return {
    update(text) {
      const now = Date.now();
      if (now - last < ANNOUNCE_EVERY_MS) return;
      const end = text.search(/\s\S*$/);
      const cut = end > spoken ? end : -1;
      if (cut === -1) return;
      announce(text.slice(spoken, cut).trim());
      spoken = cut;
      last = now;
    },
    finish(text, closing) {
      const rest = text.slice(spoken).trim();
      spoken = text.length;
      announce(rest ? `${rest} ${closing}` : closing);
    },
  };
}
