import { create } from 'zustand';
import type { Citation, Conversation, Message } from '@shared/answerSchemas';
import type { ErrorData } from '@shared/errors';
import type { HearthApi } from '@shared/hearthApi';
import { connection } from '@/ipc/client';
import type { AskStep } from './citationParts';
import { STEP_LABELS } from './citationParts';
import type { AskMode } from './conversationTurns';
import { messagesBeforeTurn, settleTurn } from './conversationTurns';
import { downloadText } from './downloadText';
import { replaceHash } from '@/routing/replaceHash';
import { conversationHref } from '@/routing/routes';
import type { AskHandle, AskInput } from './askStream';
import { startAsk } from './askStream';
import { createStreamAnnouncer } from './chatStream';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { useToastStore } from '@/store/useToastStore';

/** The question being answered. Its text streams into `streamingText`, which only the answer being written reads. */
export interface Turn {
  mode: AskMode;
  /** What was asked (new, edit); null when the last answer is regenerated. */
  question: string | null;
  userMessageId: string | null;
  assistantMessageId: string | null;
  step: AskStep | null;
  citations: Citation[] | null;
}

interface ConversationsState {
  /** The list (newest first), null until loaded. */
  conversations: Conversation[] | null;
  listError: ErrorData | null;
  search: string;
  /** The conversation on screen; null: a new one, created by its first question. */
  activeId: string | null;
  conversation: Conversation | null;
  /** Finished messages; changes once per turn. */
  messages: Message[];
  loading: boolean;
  loadError: ErrorData | null;
  /** The collection chosen for a conversation that does not exist yet. */
  draftCollection: string | null;
  turn: Turn | null;
  streamingText: string;
  /** The last question found no model to answer with (shown as an explanation, not as a failed answer). */
  noModel: ErrorData | null;
  /** For the polite live region. */
  announcement: string;

  loadList: (api?: HearthApi) => Promise<void>;
  setSearch: (search: string) => void;
  /** Shows a conversation (null: a new one). Stops an answer being written for another one. */
  open: (id: string | null) => Promise<void>;
  /** Reloads the conversation on screen, unless a turn is running. */
  refresh: () => Promise<void>;
  ask: (question: string) => boolean;
  regenerate: () => boolean;
  edit: (messageId: string, question: string) => boolean;
  stop: () => void;
  rename: (id: string, title: string) => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
  exportMarkdown: (id: string) => Promise<void>;
  setCollection: (collection: string | null) => Promise<void>;
  receiveChanged: (change: { id: string; deleted: boolean }) => void;
}

let handle: AskHandle | null = null;
let listSeq = 0;
let openSeq = 0;
let searchTimer: ReturnType<typeof setTimeout> | null = null;
let listTimer: ReturnType<typeof setTimeout> | null = null;

function apiOrReport(title: string): HearthApi | null {
  const api = connection.current();
  if (!api) reportError(title, NOT_CONNECTED);
  return api;
}

export const useConversationsStore = create<ConversationsState>()((set, get) => {
  const scheduleList = (delay: number) => {
    if (listTimer !== null) clearTimeout(listTimer);
    listTimer = setTimeout(() => {
      listTimer = null;
      void get().loadList();
    }, delay);
  };

  const upsertListed = (conversation: Conversation) => {
    const list = get().conversations;
    if (list) set({ conversations: list.map((c) => (c.id === conversation.id ? conversation : c)) });
    if (get().activeId === conversation.id) set({ conversation });
  };

  /** Starts a turn; `before` is what stays on screen meanwhile. */
  const run = (input: AskInput, before: Message[], question: string | null): boolean => {
    if (get().turn) return false;
    const api = apiOrReport('Could not ask the question');
    if (!api) return false;
    const mode = input.mode ?? 'new';
    set({
      messages: before,
      turn: { mode, question, userMessageId: null, assistantMessageId: null, step: null, citations: null },
      streamingText: '',
      noModel: null,
      announcement: '',
    });
    const announcer = createStreamAnnouncer((announcement) => set({ announcement }));
    const updateTurn = (patch: Partial<Turn>) => {
      const turn = get().turn;
      if (handle === own && turn) set({ turn: { ...turn, ...patch } });
    };
    const own: AskHandle = startAsk(api, input, {
      onStarted: ({ conversationId, userMessageId, assistantMessageId }) => {
        updateTurn({ userMessageId, assistantMessageId });
        if (handle === own && get().activeId === null) {
          set({ activeId: conversationId, draftCollection: null });
          // The address now names the conversation (no new history entry: it is the same screen).
          replaceHash(conversationHref(conversationId));
          scheduleList(0);
        }
      },
      onStep: (step) => {
        updateTurn({ step });
        if (handle === own && !get().streamingText) set({ announcement: STEP_LABELS[step] });
      },
      onText: (delta) => {
        if (handle !== own) return;
        const text = get().streamingText + delta;
        set({ streamingText: text });
        announcer.update(text);
      },
      onCitations: (citations) => {
        updateTurn({ citations });
      },
    });
    handle = own;

    void own.done.then((result) => {
      if (handle !== own) return;
      handle = null;
      const turn = get().turn;
      const text = get().streamingText;
      if (!turn) return;
      const outcome = { ...turn, text };
      const base = get().messages;
      if (result.ok) {
        set({ messages: settleTurn(base, outcome, { answer: result.value.message }), turn: null, streamingText: '' });
        announcer.finish(text, 'Answer complete.');
      } else if (result.error.code === 'CANCELLED') {
        set({ messages: settleTurn(base, outcome, { stopped: true }), turn: null, streamingText: '' });
        announcer.finish(text, 'Stopped.');
      } else if (result.error.code === 'MODEL_UNAVAILABLE') {
        set({ messages: settleTurn(base, { ...outcome, assistantMessageId: null }, { stopped: true }) });
        set({ turn: null, streamingText: '', noModel: result.error });
      } else {
        set({ messages: settleTurn(base, outcome, { error: result.error }), turn: null, streamingText: '' });
        if (turn.assistantMessageId === null) reportError('Could not ask the question', result.error);
      }
      void get().refresh();
      scheduleList(0);
    });
    return true;
  };

  return {
    conversations: null,
    listError: null,
    search: '',
    activeId: null,
    conversation: null,
    messages: [],
    loading: false,
    loadError: null,
    draftCollection: null,
    turn: null,
    streamingText: '',
    noModel: null,
    announcement: '',

    async loadList(api = connection.current() ?? undefined) {
      if (!api) return;
      const seq = ++listSeq;
      const search = get().search.trim();
      const result = await api.conversations.list(search ? { search } : {});
      if (seq !== listSeq) return;
      if (result.ok) set({ conversations: result.value.conversations, listError: null });
      else set({ listError: result.error });
    },

    setSearch(search) {
      set({ search });
      if (searchTimer !== null) clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        searchTimer = null;
        void get().loadList();
      }, 200);
    },

    async open(id) {
      if (id !== null && id === get().activeId) {
        await get().refresh();
        return;
      }
      if (handle) {
        handle.cancel();
        handle = null;
      }
      const seq = ++openSeq;
      set({
        activeId: id,
        conversation: null,
        messages: [],
        turn: null,
        streamingText: '',
        noModel: null,
        loadError: null,
        loading: id !== null,
      });
      if (id === null) return;
      const api = await connection.get();
      const result = await api.conversations.get({ id });
      if (seq !== openSeq) return;
      if (result.ok) set({ conversation: result.value.conversation, messages: result.value.messages, loading: false });
      else set({ loadError: result.error, loading: false });
    },

    async refresh() {
      const id = get().activeId;
      const api = connection.current();
      if (id === null || !api || get().turn) return;
      const seq = openSeq;
      const result = await api.conversations.get({ id });
      if (seq !== openSeq || get().activeId !== id || get().turn) return;
      if (result.ok) set({ conversation: result.value.conversation, messages: result.value.messages, loadError: null });
    },

    ask(question) {
      const text = question.trim();
      if (!text) return false;
      const { activeId, draftCollection, messages } = get();
      const input: AskInput = activeId
        ? { conversationId: activeId, question: text, mode: 'new' }
        : { question: text, mode: 'new', collection: draftCollection };
      return run(input, messagesBeforeTurn(messages, 'new'), text);
    },

    regenerate() {
      const { activeId, messages } = get();
      if (!activeId) return false;
      return run(
        { conversationId: activeId, question: '', mode: 'regenerate' },
        messagesBeforeTurn(messages, 'regenerate'),
        null,
      );
    },

    edit(messageId, question) {
      const text = question.trim();
      const { activeId, messages } = get();
      if (!activeId || !text) return false;
      const input: AskInput = { conversationId: activeId, question: text, mode: 'edit', editMessageId: messageId };
      return run(input, messagesBeforeTurn(messages, 'edit', messageId), text);
    },

    stop() {
      handle?.cancel();
    },

    async rename(id, title) {
      const api = apiOrReport('Could not rename the conversation');
      if (!api) return false;
      const result = await api.conversations.update({ id, title });
      if (!result.ok) {
        reportError('Could not rename the conversation', result.error);
        return false;
      }
      upsertListed(result.value);
      return true;
    },

    async remove(id) {
      const api = apiOrReport('Could not delete the conversation');
      if (!api) return false;
      const result = await api.conversations.delete({ id });
      if (!result.ok) {
        reportError('Could not delete the conversation', result.error);
        return false;
      }
      const list = get().conversations;
      if (list) set({ conversations: list.filter((c) => c.id !== id) });
      if (get().activeId === id) location.hash = conversationHref(null);
      useToastStore.getState().push({ tone: 'success', title: 'Conversation deleted' });
      return true;
    },

    async exportMarkdown(id) {
      const api = apiOrReport('Could not export the conversation');
      if (!api) return;
      const result = await api.conversations.export({ id });
      if (!result.ok) {
        reportError('Could not export the conversation', result.error);
        return;
      }
      downloadText(result.value.fileName, result.value.markdown);
    },

    async setCollection(collection) {
      const id = get().activeId;
      if (id === null) {
        set({ draftCollection: collection });
        return;
      }
      const api = apiOrReport('Could not change what the conversation searches');
      if (!api) return;
      const result = await api.conversations.update({ id, collection });
      if (result.ok) upsertListed(result.value);
      else reportError('Could not change what the conversation searches', result.error);
    },

    receiveChanged(change) {
      scheduleList(150);
      if (change.id !== get().activeId || get().turn) return;
      if (change.deleted) location.hash = conversationHref(null);
      else void get().refresh();
    },
  };
});
