import { useEffect, useRef, useState } from 'react';
import type { Passage } from '@shared/answerSchemas';
import { drawOcrMarks } from './drawOcrMarks';
import { imageMime } from './imageMime';
import { fetchOriginal } from './usePassage';

type State =
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'undrawable' }
  | { status: 'error'; message: string };

/**
 * An image the passage was recognised from (PNG, JPEG, WebP), with the passage's words marked over it. The image is
 * fetched and shown from a blob: URL, as the original is served as a download. A TIFF, which browsers do not draw,
 * leaves only the passage text (shown below by the viewer).
 */
export function ImagePageView({ passage }: { passage: Passage }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const pageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    fetchOriginal(passage.originalPath, controller.signal).then(
      (buffer) => {
        if (controller.signal.aborted) return;
        const mime = imageMime(new Uint8Array(buffer, 0, Math.min(16, buffer.byteLength)));
        if (!mime) {
          setState({ status: 'undrawable' });
          return;
        }
        url = URL.createObjectURL(new Blob([buffer], { type: mime }));
        setState({ status: 'ready', url });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: (error as Error).message });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [passage.originalPath]);

  const ready = state.status === 'ready';
  useEffect(() => {
    const page = pageRef.current;
    if (!ready || !page || !passage.ocr) return undefined;
    drawOcrMarks(page, passage.ocr, passage.text)?.scrollIntoView({ block: 'center' });
    return () => {
      page.querySelector('.ocr-marks')?.remove();
    };
  }, [ready, passage.ocr, passage.text]);

  return (
    <div className="pdf-view" data-testid="viewer-image">
      {state.status === 'loading' && (
        <p className="viewer__status">
          <span className="spinner" aria-hidden="true" /> Loading the image…
        </p>
      )}
      {state.status === 'error' && (
        <p className="viewer__status viewer__status--error" role="alert">
          Could not show the image: {state.message}
        </p>
      )}
      {state.status === 'undrawable' && (
        <p className="viewer__status">This image&apos;s format cannot be shown here; its recognised text is below.</p>
      )}
      {ready && !passage.ocr && (
        <p className="viewer__status">
          Where the passage lies on the image was not kept when it was indexed; index it again to see it marked.
        </p>
      )}
      {ready && (
        <div ref={pageRef} className="ocr-image" style={{ aspectRatio: aspect(passage) }}>
          <img className="ocr-image__img" src={state.url} alt={passage.documentName} data-testid="viewer-image-img" />
        </div>
      )}
    </div>
  );
}

/** The image's aspect ratio from the OCR size, so the page keeps its place while the image decodes. */
function aspect(passage: Passage): string | undefined {
  return passage.ocr ? `${String(passage.ocr.width)} / ${String(passage.ocr.height)}` : undefined;
}
