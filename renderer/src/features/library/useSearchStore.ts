import { create } from 'zustand';
import type { ErrorData } from '@shared/errors';
import type { SearchMode, SearchPassage, SearchResult } from '@shared/searchSchemas';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED } from '@/store/reportError';

/** Typing pauses this long before a search goes out. */
export const SEARCH_DELAY_MS = 200;

type SearchStatus = 'idle' | 'loading' | 'ready' | 'error';

interface SearchState {
  query: string;
  mode: SearchMode;
  /** Only passages of this collection ('' for every one). */
  collection: string;
  /** Only passages of documents of this type ('' for every type). */
  type: string;
  /** idle: nothing typed; loading: a search is out (the last results stay shown meanwhile). */
  status: SearchStatus;
  result: SearchResult | null;
  error: ErrorData | null;
  /** The chosen passage's position in `orderedPassages(result)`; -1 when none is. */
  active: number;
  /** Sets the text and searches for it once typing pauses; empty text clears the results. */
  setQuery: (query: string) => void;
  /** Searches the current text again in this mode. */
  setMode: (mode: SearchMode) => void;
  /** Narrows (or widens) the search to a collection and a document type, and searches the current text again. */
  setFilters: (filters: Partial<Pick<SearchState, 'collection' | 'type'>>) => void;
  /** Searches for the current text now (Enter before the pause). */
  searchNow: () => Promise<void>;
  /** Moves the choice by `delta` passages (arrow keys), staying within the results. */
  move: (delta: number) => void;
  setActive: (index: number) => void;
  clear: () => void;
}

/** Passages in the order they are shown: grouped by document, documents in the order of their best passage. */
export function orderedPassages(result: SearchResult | null): SearchPassage[] {
  if (!result) return [];
  return result.documents.flatMap((d) => d.passageIndexes.flatMap((i) => result.passages[i] ?? []));
}

let timer: ReturnType<typeof setTimeout> | null = null;
/** Answers can overtake each other; only the newest search's is kept. */
let seq = 0;

function cancelTimer(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

/** The Library's passage search: what is typed, the results of the newest search, and the chosen passage. */
export const useSearchStore = create<SearchState>()((set, get) => ({
  query: '',
  mode: 'hybrid',
  collection: '',
  type: '',
  status: 'idle',
  result: null,
  error: null,
  active: -1,
  setQuery(query) {
    cancelTimer();
    set({ query });
    if (query.trim() === '') {
      seq++;
      set({ status: 'idle', result: null, error: null, active: -1 });
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      void get().searchNow();
    }, SEARCH_DELAY_MS);
  },
  setMode(mode) {
    set({ mode });
    if (get().query.trim() !== '') void get().searchNow();
  },
  setFilters(filters) {
    set(filters);
    if (get().query.trim() !== '') void get().searchNow();
  },
  async searchNow() {
    cancelTimer();
    const query = get().query.trim();
    if (query === '') return;
    const mine = ++seq;
    const api = connection.current();
    if (!api) {
      set({ status: 'error', error: NOT_CONNECTED });
      return;
    }
    set({ status: 'loading', error: null });
    const { mode, collection, type } = get();
    const filters = {
      ...(collection ? { collections: [collection] } : {}),
      ...(type ? { types: [type] } : {}),
    };
    const answer = await api.library.search({
      query: query.slice(0, 500),
      mode,
      ...(collection || type ? { filters } : {}),
    });
    if (mine !== seq) return;
    if (!answer.ok) {
      set({ status: 'error', error: answer.error, result: null, active: -1 });
      return;
    }
    set({ status: 'ready', result: answer.value, active: answer.value.passages.length > 0 ? 0 : -1 });
  },
  move(delta) {
    const count = get().result?.passages.length ?? 0;
    if (count === 0) return;
    const from = get().active;
    set({ active: Math.min(count - 1, Math.max(0, (from < 0 ? -1 : from) + delta)) });
  },
  setActive(index) {
    set({ active: index });
  },
  clear() {
    get().setQuery('');
  },
}));
