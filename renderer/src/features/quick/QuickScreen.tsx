import { useEffect, useRef, useState } from 'react';
import { Icon } from '@/ui/Icon';
import { hideQuickPrompt, openInMainWindow } from '@/ipc/desktop';
import { conversationHref } from '@/routing/routes';
import { useQuickStore } from './useQuickStore';
import { useViewerStore } from '@/features/chat/useViewerStore';
import { CitationViewer } from '@/features/chat/viewer/CitationViewer';
import { QuickAnswer } from './QuickAnswer';

/**
 * `#/quick`: the menu-bar quick prompt (its own small window in the app, a plain page in a browser). One line to
 * ask, the grounded answer under it; Esc stops an answer, then clears and hides.
 */
export function QuickScreen() {
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState('');
  const ask = useQuickStore((s) => s.ask);
  const running = useQuickStore((s) => s.running);
  const conversationId = useQuickStore((s) => s.conversationId);
  const announcement = useQuickStore((s) => s.announcement);

  useEffect(() => {
    inputRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      // The viewer's own Escape closes the viewer first.
      if (event.key !== 'Escape' || useViewerStore.getState().source) return;
      const quick = useQuickStore.getState();
      if (quick.running) {
        quick.stop();
        return;
      }
      quick.clear();
      setDraft('');
      inputRef.current?.focus();
      hideQuickPrompt();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <div className="quick">
      {/* Not focusable on purpose: arriving here, the cursor belongs in the input, not on the heading. */}
      <h1 className="visually-hidden">Quick prompt</h1>
      <form
        className="quick__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (ask(draft)) setDraft('');
        }}
      >
        <Icon name="flame" size={20} className="quick__logo" />
        <label htmlFor="quick-input" className="visually-hidden">
          Ask your documents
        </label>
        <input
          ref={inputRef}
          id="quick-input"
          className="quick__input"
          type="text"
          autoComplete="off"
          maxLength={8000}
          placeholder="Ask your documents…"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
          }}
          aria-describedby="quick-hint"
          data-testid="quick-input"
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={running || !draft.trim()}
          data-testid="quick-send"
        >
          <Icon name="send" size={14} />
          Ask
        </button>
      </form>
      <p id="quick-hint" className="quick__hint">
        Enter asks · Esc {running ? 'stops' : 'clears and closes'}
      </p>
      <QuickAnswer />
      {conversationId && !running && (
        <p className="quick__actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              openInMainWindow(conversationHref(conversationId));
            }}
            data-testid="quick-open-in-hearth"
          >
            <Icon name="arrow-right" size={14} />
            Open in Hearth
          </button>
        </p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <CitationViewer />
    </div>
  );
}
