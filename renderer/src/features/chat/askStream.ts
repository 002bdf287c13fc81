import type { z } from 'zod';
import type { AskInputSchema, AskResultSchema, Citation } from '@shared/answerSchemas';
import type { HearthApi } from '@shared/hearthApi';
import type { Result } from '@shared/result';
import type { AskStep } from './citationParts';
import { createTokenBuffer } from './chatStream';

export type AskInput = z.input<typeof AskInputSchema>;
export type AskResult = z.infer<typeof AskResultSchema>;

export interface AskCallbacks {
  /** The core saved the question: the ids of the conversation and of both messages. */
  onStarted: (ids: { conversationId: string; userMessageId: string; assistantMessageId: string }) => void;
  onStep: (step: AskStep, detail: string | undefined) => void;
  /** New answer text, batched to at most once per animation frame. */
  onText: (delta: string) => void;
  onCitations: (citations: Citation[]) => void;
}

export interface AskHandle {
  /** Stops the answer; `done` then resolves with CANCELLED (the core keeps what was written, as stopped). */
  cancel: () => void;
  /** Resolves once every pending token was delivered. */
  done: Promise<Result<AskResult>>;
}

/** One `chat.ask` stream, its events sorted into callbacks; tokens arrive per frame, never per token. */
export function startAsk(api: HearthApi, input: AskInput, callbacks: AskCallbacks): AskHandle {
  const buffer = createTokenBuffer(callbacks.onText);
  const handle = api.chat.ask(input, (event) => {
    switch (event.type) {
      case 'started':
        callbacks.onStarted(event);
        break;
      case 'step':
        callbacks.onStep(event.step, event.detail);
        break;
      case 'token':
        buffer.push(event.text);
        break;
      case 'citations':
        buffer.drain();
        callbacks.onCitations(event.citations);
        break;
    }
  });
  return {
    cancel: () => {
      handle.cancel();
    },
    done: handle.done.then((result) => {
      buffer.drain();
      return result;
    }),
  };
}
