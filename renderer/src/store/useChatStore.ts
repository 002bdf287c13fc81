import { create } from 'zustand';
import type { ErrorData } from '../../../electron/shared/errors';
import type { StreamHandle } from '../../../electron/shared/rpcClient';
import { connection } from '../ipc/client';
import { createStreamAnnouncer, createTokenBuffer } from './chatStream';
import { NOT_CONNECTED, reportError } from './reportError';

export interface AnswerModel {
  name: string;
  source: 'local' | 'remote';
  /** The fallback chain skipped the chosen model. */
  fallback: boolean;
}

export interface ChatMessage {
  id: number;
  role: 'user' | 'assistant';
  text: string;
  model?: AnswerModel | null;
  finishReason?: 'stop' | 'length' | 'stopSequence';
  /** Stopped by the person; `text` holds what arrived until then. */
  stopped?: boolean;
  error?: ErrorData;
  completionTokens?: number;
}

export interface StreamingAnswer {
  id: number;
  model: AnswerModel | null;
  text: string;
}

export interface ChatOptionValues {
  temperature: number;
  topP: number;
  maxTokens: number;
}

export const DEFAULT_CHAT_OPTIONS: ChatOptionValues = { temperature: 0.7, topP: 0.95, maxTokens: 1024 };

interface ChatState {
  /** Finished turns; changes once per turn, not per token. */
  messages: ChatMessage[];
  /** The answer being streamed, or null. Only its own component subscribes to its text. */
  streaming: StreamingAnswer | null;
  sessionId: string | null;
  options: ChatOptionValues;
  /** The last send failed with MODEL_UNAVAILABLE (shown as an explanation, not as a failed answer). */
  noModel: ErrorData | null;
  /** Text for the polite live region (a throttled reading of the streaming answer). */
  announcement: string;
  /** Starts a turn; false when nothing was sent (empty, already streaming, not connected). */
  send: (text: string) => boolean;
  stop: () => void;
  /** Forgets the conversation here and in the core. */
  reset: () => Promise<void>;
  setOptions: (patch: Partial<ChatOptionValues>) => void;
}

let nextId = 1;
let handle: StreamHandle<unknown> | null = null;

export const useChatStore = create<ChatState>()((set, get) => ({
  messages: [],
  streaming: null,
  sessionId: null,
  options: DEFAULT_CHAT_OPTIONS,
  noModel: null,
  announcement: '',

  send(text) {
    const message = text.trim();
    if (!message || get().streaming) return false;
    const api = connection.current();
    if (!api) {
      reportError('Could not send the message', NOT_CONNECTED);
      return false;
    }
    const answerId = nextId + 1;
    const { sessionId, options } = get();
    set((s) => ({
      messages: [...s.messages, { id: nextId, role: 'user', text: message }],
      streaming: { id: answerId, model: null, text: '' },
      noModel: null,
      announcement: '',
    }));
    nextId += 2;

    const announcer = createStreamAnnouncer((announcement) => set({ announcement }));
    const updateStreaming = (change: (answer: StreamingAnswer) => StreamingAnswer) => {
      const current = get().streaming;
      if (current?.id === answerId) set({ streaming: change(current) });
    };
    const buffer = createTokenBuffer((chunk) => {
      updateStreaming((answer) => ({ ...answer, text: answer.text + chunk }));
      announcer.update(get().streaming?.text ?? '');
    });
    let completionTokens: number | undefined;

    const own = api.chat.send({ message, options, ...(sessionId ? { sessionId } : {}) }, (event) => {
      if (handle !== own) return;
      if (event.type === 'token') buffer.push(event.text);
      else if (event.type === 'usage') completionTokens = event.completionTokens;
      else {
        const model: AnswerModel = { name: event.name, source: event.source, fallback: event.fallback };
        updateStreaming((answer) => ({ ...answer, model }));
      }
    });
    handle = own;

    void own.done.then((result) => {
      if (handle !== own) return;
      handle = null;
      buffer.drain();
      const streamed = get().streaming;
      const base: ChatMessage = {
        id: answerId,
        role: 'assistant',
        text: streamed?.text ?? '',
        model: streamed?.model ?? null,
        ...(completionTokens === undefined ? {} : { completionTokens }),
      };
      let answer: ChatMessage | null;
      let noModel: ErrorData | null = null;
      if (result.ok) {
        answer = { ...base, text: result.value.text || base.text, finishReason: result.value.finishReason };
        set({ sessionId: result.value.sessionId });
      } else if (result.error.code === 'CANCELLED') answer = { ...base, stopped: true };
      else if (result.error.code === 'MODEL_UNAVAILABLE') {
        answer = null;
        noModel = result.error;
      } else answer = { ...base, error: result.error };
      set((s) => ({
        messages: answer ? [...s.messages, answer] : s.messages,
        streaming: null,
        noModel,
      }));
      const closing = answer?.stopped ? 'Stopped.' : answer?.error ? '' : answer ? 'Answer complete.' : '';
      if (closing) announcer.finish(answer?.text ?? '', closing);
    });
    return true;
  },

  stop() {
    handle?.cancel();
  },

  async reset() {
    const running = handle;
    handle = null;
    running?.cancel();
    const { sessionId } = get();
    set({ messages: [], streaming: null, sessionId: null, noModel: null, announcement: 'New chat started.' });
    const api = connection.current();
    if (!sessionId || !api) return;
    const result = await api.chat.reset({ sessionId });
    if (!result.ok) reportError('Could not clear the conversation in Hearth', result.error);
  },

  setOptions(patch) {
    set((s) => ({ options: { ...s.options, ...patch } }));
  },
}));
