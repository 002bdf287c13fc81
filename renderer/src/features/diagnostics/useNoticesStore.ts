import { create } from 'zustand';
import type { Notice } from '@shared/schemas';
import { useToastStore } from '@/store/useToastStore';

interface ReceivedNotice extends Notice {
  id: number;
  at: number;
}

interface NoticesState {
  /** Newest first, the last few only. */
  notices: ReceivedNotice[];
  /** Applies one `core.notice` event: kept for Diagnostics and shown as a toast. */
  add: (notice: Notice) => void;
}

const KEEP = 20;
let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set) => ({
  notices: [],
  add(notice) {
    set((state) => ({ notices: [{ ...notice, id: nextId++, at: Date.now() }, ...state.notices].slice(0, KEEP) }));
    useToastStore.getState().push({ tone: notice.level, title: notice.message });
  },
}));
