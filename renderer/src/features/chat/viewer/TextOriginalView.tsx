import { useEffect, useMemo, useRef, useState } from 'react';
import type { Passage } from '@shared/answerSchemas';
import { formatInteger } from '@/lib/formatNumber';
import { splitLines } from '@shared/splitLines';
import { lineWindow, locateLines } from '../lineRange';
import { fetchOriginalText } from './usePassage';

/** The column of a click in a line's text: where the browser put the caret (a drag that selects text is no click). */
function clickedColumn(): number | null {
  const selection = window.getSelection();
  if (!selection?.isCollapsed || !selection.anchorNode) return null;
  return selection.anchorOffset;
}

type State = { status: 'loading' } | { status: 'ready'; text: string } | { status: 'error'; message: string };

/** A text original (Markdown, code, CSV, JSON, HTML source, plain text) with line numbers and the cited lines marked. */
export function TextOriginalView({
  passage,
  onPick,
}: {
  passage: Passage;
  /** A click in a line's text, with its 1-based line and 0-based column (code: go to the definition there). */
  onPick?: (line: number, character: number) => void;
}) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const markRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchOriginalText(passage.originalPath, controller.signal).then(
      (text) => {
        setState({ status: 'ready', text });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: (error as Error).message });
      },
    );
    return () => {
      controller.abort();
    };
  }, [passage.originalPath]);

  const view = useMemo(() => {
    if (state.status !== 'ready') return null;
    const lines = splitLines(state.text);
    const range =
      passage.lineStart !== undefined
        ? { start: passage.lineStart, end: passage.lineEnd ?? passage.lineStart }
        : locateLines(lines, passage.text);
    return { lines, window: lineWindow(lines.length, range?.start, range?.end) };
  }, [state, passage.lineStart, passage.lineEnd, passage.text]);

  useEffect(() => {
    markRef.current?.scrollIntoView({ block: 'center' });
  }, [view]);

  if (state.status === 'loading') {
    return (
      <p className="viewer__status">
        <span className="spinner" aria-hidden="true" /> Opening the file…
      </p>
    );
  }
  if (state.status === 'error' || !view) {
    return (
      <p className="viewer__status viewer__status--error" role="alert">
        Could not open the file: {state.status === 'error' ? state.message : ''}
      </p>
    );
  }
  const { first, last, mark } = view.window;
  const shown = view.lines.slice(first - 1, last);
  return (
    <div className="text-view" data-testid="viewer-text">
      <p className="viewer__status">
        {mark
          ? `Lines ${formatInteger(mark.start)}–${formatInteger(mark.end)} marked`
          : 'The cited lines could not be found; the file’s start is shown.'}
        {first > 1 || last < view.lines.length
          ? ` · showing ${formatInteger(first)}–${formatInteger(last)} of ${formatInteger(view.lines.length)}`
          : ''}
      </p>
      <div
        className="source-lines"
        tabIndex={0}
        role="region"
        aria-label={`${passage.documentName}, with line numbers`}
      >
        {shown.map((line, i) => {
          const n = first + i;
          const marked = mark !== null && n >= mark.start && n <= mark.end;
          return (
            <div
              key={n}
              ref={marked && n === mark.start ? markRef : undefined}
              className={marked ? 'source-line is-marked' : 'source-line'}
              data-testid={marked ? 'line-highlight' : undefined}
            >
              <span className="source-line__n" aria-hidden="true">
                {n}
              </span>
              <span
                className={onPick ? 'source-line__text is-pickable' : 'source-line__text'}
                onClick={
                  onPick
                    ? () => {
                        const column = clickedColumn();
                        if (column !== null) onPick(n, column);
                      }
                    : undefined
                }
              >
                {marked ? <mark>{line || ' '}</mark> : line || ' '}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
