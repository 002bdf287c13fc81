import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef } from 'react';
import type { Passage } from '@shared/answerSchemas';
import { ERROR_HINTS } from '@shared/errors';
import { Icon } from '@/ui/Icon';
import { locationLabel } from '@shared/locationText';
import type { ViewerSource } from '../useViewerStore';
import { useViewerStore } from '../useViewerStore';
import { CodeOriginalView } from './CodeOriginalView';
import { ImagePageView } from './ImagePageView';
import { PassageTextView } from './PassageTextView';
import { PdfPageView } from './PdfPageView';
import { TextOriginalView } from './TextOriginalView';
import { usePassage } from './usePassage';

const TEXT_TYPES = new Set(['markdown', 'code', 'text', 'html', 'csv', 'json']);
const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

function Original({ passage }: { passage: Passage }) {
  if (passage.documentType === 'pdf') {
    return (
      <>
        <PdfPageView passage={passage} />
        <PassageTextView passage={passage} asMain={false} />
      </>
    );
  }
  if (passage.documentType === 'image') {
    return (
      <>
        <ImagePageView passage={passage} />
        <PassageTextView passage={passage} asMain={false} />
      </>
    );
  }
  if (passage.documentType === 'code') return <CodeOriginalView passage={passage} />;
  if (TEXT_TYPES.has(passage.documentType)) return <TextOriginalView passage={passage} />;
  return <PassageTextView passage={passage} asMain />;
}

/**
 * A code citation names the symbol's own lines within its chunk (the code tools cut them to the definition or the
 * use); the chunk's lines alone would mark all of it.
 */
function citedLines(passage: Passage, source: ViewerSource): Passage {
  if (passage.documentType !== 'code' || source.lineStart === undefined) return passage;
  return { ...passage, lineStart: source.lineStart, lineEnd: source.lineEnd ?? source.lineStart };
}

function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/** A modal side sheet: the cited passage in its original. Esc, the Close button or a click outside closes it. */
function ViewerDialog({ source }: { source: ViewerSource }) {
  const close = useViewerStore((s) => s.close);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const state = usePassage(source.chunkId);
  const where = locationLabel(source);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    const opener = useViewerStore.getState().opener;
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Only now, with the modal gone, can focus go back outside it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="viewer"
      aria-labelledby={titleId}
      onKeyDown={trapTab}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClose={(event) => {
        if (!event.currentTarget.open) close();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget) close();
      }}
      data-testid="citation-viewer"
    >
      <div className="viewer__header">
        <div className="viewer__heading">
          <h2 id={titleId} className="viewer__title">
            {source.n !== undefined && <span className="viewer__n">[{source.n}] </span>}
            {source.documentName}
          </h2>
          {where && <p className="viewer__where">{where}</p>}
        </div>
        <button ref={closeRef} type="button" className="icon-button" onClick={close} data-testid="viewer-close">
          <Icon name="close" size={18} />
          <span className="visually-hidden">Close</span>
        </button>
      </div>
      <div className="viewer__body">
        {state.status === 'loading' && (
          <p className="viewer__status">
            <span className="spinner" aria-hidden="true" /> Finding the passage…
          </p>
        )}
        {state.status === 'error' && (
          <div role="alert" className="viewer__status viewer__status--error">
            <p>Could not find the passage: {state.error.message}</p>
            <p>{ERROR_HINTS[state.error.code]}</p>
          </div>
        )}
        {state.status === 'ready' && (
          <>
            <p className="viewer__links">
              <a
                href={state.passage.originalPath}
                target="_blank"
                rel="noopener noreferrer"
                className="button button--small"
                data-testid="viewer-open-original"
              >
                <Icon name="external" size={14} />
                Open original<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </p>
            <Original passage={citedLines(state.passage, source)} />
          </>
        )}
      </div>
    </dialog>
  );
}

/** The citation viewer, open while a chip's source is chosen. */
export function CitationViewer() {
  const source = useViewerStore((s) => s.source);
  return source ? <ViewerDialog key={source.chunkId} source={source} /> : null;
}
