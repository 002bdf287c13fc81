import { create } from 'zustand';
import type { Citation } from '@shared/answerSchemas';

/**
 * What a chip (or a search result, which has no `n`) hands the viewer: enough to title it before the passage
 * arrives.
 */
export type ViewerSource = Pick<
  Citation,
  'chunkId' | 'documentName' | 'documentType' | 'page' | 'lineStart' | 'lineEnd' | 'snippet'
> &
  Partial<Pick<Citation, 'n' | 'slide' | 'sheet' | 'cells'>>;

interface ViewerState {
  source: ViewerSource | null;
  /** The chip that opened the viewer; the viewer gives focus back to it once it has closed. */
  opener: HTMLElement | null;
  show: (source: ViewerSource, opener: HTMLElement | null) => void;
  close: () => void;
}

/** The citation viewer's one open source; any chip (chat, quick prompt) opens it. */
export const useViewerStore = create<ViewerState>()((set) => ({
  source: null,
  opener: null,
  show(source, opener) {
    set({ source, opener });
  },
  close() {
    set({ source: null });
  },
}));
