import { useEffect, useRef, useState } from 'react';
import type { Passage } from '@shared/answerSchemas';
import { renderPdfPage } from './renderPdfPage';

type State =
  | { status: 'loading' }
  | { status: 'ready'; pageNumber: number; pageCount: number; marked: number }
  | { status: 'error'; message: string };

/** Widest page drawn; narrower when the panel is. */
const MAX_WIDTH = 760;

/** The cited PDF page, drawn by pdf.js, with the passage marked on it. */
export function PdfPageView({ passage }: { passage: Passage }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>({ status: 'loading' });
  const page = passage.page ?? 1;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const controller = new AbortController();
    const width = Math.min(MAX_WIDTH, Math.max(240, host.clientWidth));
    renderPdfPage({
      url: passage.originalPath,
      pageNumber: page,
      passage: passage.text,
      ocr: passage.ocr,
      host,
      width,
      label: `Page ${String(page)} of ${passage.documentName}`,
      signal: controller.signal,
    }).then(
      (result) => {
        if (!controller.signal.aborted) setState({ status: 'ready', ...result });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setState({ status: 'error', message });
      },
    );
    return () => {
      controller.abort();
      host.replaceChildren();
    };
  }, [passage.originalPath, passage.text, passage.ocr, passage.documentName, page]);

  return (
    <div className="pdf-view" data-testid="viewer-pdf">
      {state.status === 'loading' && (
        <p className="viewer__status">
          <span className="spinner" aria-hidden="true" /> Drawing page {page}…
        </p>
      )}
      {state.status === 'error' && (
        <p className="viewer__status viewer__status--error" role="alert">
          Could not show the page: {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <p className="viewer__status">
          Page {state.pageNumber} of {state.pageCount}
          {state.marked === 0 ? ' · the passage could not be found on this page; its text is below.' : ''}
        </p>
      )}
      <div ref={hostRef} className="pdf-view__host" />
    </div>
  );
}
