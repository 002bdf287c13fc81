import { create } from 'zustand';

type ToastTone = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  /** What happened, in a few words ("Could not save settings"). */
  title: string;
  /** The core's message, shown verbatim. */
  message?: string;
  /** What the person can do about it (ERROR_HINTS). */
  hint?: string;
}

interface ToastState {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
}

const MAX_VISIBLE = 4;
/** Errors stay until dismissed; anything else fades out on its own. */
const AUTO_DISMISS_MS = 6000;
let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(toast) {
    const same = get().toasts.find(
      (t) => t.tone === toast.tone && t.title === toast.title && t.message === toast.message,
    );
    if (same) return;
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_VISIBLE) }));
    if (toast.tone !== 'error')
      setTimeout(() => {
        get().dismiss(id);
      }, AUTO_DISMISS_MS);
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
  },
}));
