import { create } from 'zustand';
import type { Citation, Message } from '@shared/answerSchemas';
import type { ErrorData } from '@shared/errors';
import { connection } from '@/ipc/client';
import type { AskStep } from '@/features/chat/citationParts';
import { STEP_LABELS } from '@/features/chat/citationParts';
import type { AskHandle } from '@/features/chat/askStream';
import { startAsk } from '@/features/chat/askStream';
import { createStreamAnnouncer } from '@/features/chat/chatStream';
import { NOT_CONNECTED } from '@/store/reportError';

interface QuickState {
  /** The question on screen; '' before the first. */
  question: string;
  conversationId: string | null;
  running: boolean;
  step: AskStep | null;
  text: string;
  citations: Citation[] | null;
  /** The stored answer once it is complete. */
  answer: Message | null;
  error: ErrorData | null;
  stopped: boolean;
  announcement: string;
  ask: (question: string) => boolean;
  stop: () => void;
  /** Forgets the answer (a new question starts a new conversation). */
  clear: () => void;
}

let handle: AskHandle | null = null;

const EMPTY = {
  question: '',
  conversationId: null,
  running: false,
  step: null,
  text: '',
  citations: null,
  answer: null,
  error: null,
  stopped: false,
  announcement: '',
} as const;

/** The quick prompt: one question, one grounded answer (a smaller budget), its conversation kept for "Open in Hearth". */
export const useQuickStore = create<QuickState>()((set, get) => ({
  ...EMPTY,

  ask(question) {
    const text = question.trim();
    if (!text) return false;
    const api = connection.current();
    if (!api) {
      set({ ...EMPTY, question: text, error: NOT_CONNECTED });
      return false;
    }
    handle?.cancel();
    set({ ...EMPTY, question: text, running: true });
    const announcer = createStreamAnnouncer((announcement) => set({ announcement }));
    const own = startAsk(
      api,
      { question: text, mode: 'new', quick: true },
      {
        onStarted: ({ conversationId }) => {
          if (handle === own) set({ conversationId });
        },
        onStep: (step) => {
          if (handle === own) set({ step, ...(get().text ? {} : { announcement: STEP_LABELS[step] }) });
        },
        onText: (delta) => {
          if (handle !== own) return;
          set({ text: get().text + delta });
          announcer.update(get().text);
        },
        onCitations: (citations) => {
          if (handle === own) set({ citations });
        },
      },
    );
    handle = own;
    void own.done.then((result) => {
      if (handle !== own) return;
      handle = null;
      if (result.ok) {
        set({
          running: false,
          answer: result.value.message,
          conversationId: result.value.conversationId,
          citations: result.value.message.citations,
        });
        announcer.finish(get().text, 'Answer complete.');
      } else if (result.error.code === 'CANCELLED') {
        set({ running: false, stopped: true });
        announcer.finish(get().text, 'Stopped.');
      } else {
        set({ running: false, error: result.error, announcement: `No answer: ${result.error.message}` });
      }
    });
    return true;
  },

  stop() {
    handle?.cancel();
  },

  clear() {
    const running = handle;
    handle = null;
    running?.cancel();
    set(EMPTY);
  },
}));
