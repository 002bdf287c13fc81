import { create } from 'zustand';

interface ShortcutsState {
  /** Whether the keyboard shortcuts list is open. */
  open: boolean;
  setOpen: (open: boolean) => void;
}

export const useShortcutsStore = create<ShortcutsState>()((set) => ({
  open: false,
  setOpen: (open) => {
    set({ open });
  },
}));
