import { useEffect, useState } from 'react';
import type { Passage } from '@shared/answerSchemas';
import type { CodeSymbol } from '@shared/codeSchemas';
import { HEARTH_SCHEME, originalUrl } from '@shared/originalUrl';
import { getHearth } from '@/ipc/client';
import { TextOriginalView } from './TextOriginalView';

interface ShownFile {
  documentId: string;
  documentName: string;
  originalPath: string;
}

type Outline =
  { status: 'loading' } | { status: 'ready'; symbols: CodeSymbol[] } | { status: 'error'; message: string };

/**
 * A code original: its outline from the code index beside the lines. A symbol in the outline marks its lines; a click
 * on a name in the code jumps to where it is defined, in this file or another document of the library.
 */
export function CodeOriginalView({ passage }: { passage: Passage }) {
  const [file, setFile] = useState<ShownFile>({
    documentId: passage.documentId,
    documentName: passage.documentName,
    originalPath: passage.originalPath,
  });
  const [focus, setFocus] = useState<{ start: number; end: number } | null>(
    passage.lineStart === undefined ? null : { start: passage.lineStart, end: passage.lineEnd ?? passage.lineStart },
  );
  const [outline, setOutline] = useState<{ documentId: string; value: Outline } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getHearth()
      .then((api) => api.code.outline({ documentId: file.documentId }))
      .then((result) => {
        if (!live) return;
        setOutline({
          documentId: file.documentId,
          value: result.ok
            ? { status: 'ready', symbols: result.value.symbols }
            : { status: 'error', message: result.error.message },
        });
      });
    return () => {
      live = false;
    };
  }, [file.documentId]);

  const pick = (line: number, character: number): void => {
    void getHearth()
      .then((api) => api.code.definition({ documentId: file.documentId, line, character }))
      .then((result) => {
        if (!result.ok) {
          setNote(`The code index could not answer: ${result.error.message}`);
          return;
        }
        const target = result.value.locations[0];
        if (!target) {
          setNote(`No definition found for the name at line ${String(line)}.`);
          return;
        }
        if (target.documentId !== file.documentId) {
          // Same shell, same kind of link: the desktop's scheme or the headless shell's route.
          const host = file.originalPath.startsWith(`${HEARTH_SCHEME}:`) ? 'desktop' : 'headless';
          setFile({
            documentId: target.documentId,
            documentName: target.documentName,
            originalPath: originalUrl(target.documentId, host),
          });
        }
        setFocus({ start: target.line, end: target.line });
        setNote(`Definition: ${target.documentName}, line ${String(target.line)}`);
      });
  };

  const shown: Passage = {
    ...passage,
    ...file,
    ...(focus ? { lineStart: focus.start, lineEnd: focus.end } : {}),
  };
  const symbols = outline?.documentId === file.documentId ? outline.value : { status: 'loading' as const };
  return (
    <div className="code-view">
      <nav className="code-outline" aria-label={`Outline of ${file.documentName}`} data-testid="code-outline">
        <h3 className="code-outline__title">Outline</h3>
        {symbols.status === 'loading' && <p className="viewer__status">Reading the outline…</p>}
        {symbols.status === 'error' && <p className="viewer__status">{symbols.message}</p>}
        {symbols.status === 'ready' && symbols.symbols.length === 0 && (
          <p className="viewer__status">No symbols in this file.</p>
        )}
        {symbols.status === 'ready' && symbols.symbols.length > 0 && (
          <ul className="code-outline__list">
            {symbols.symbols.map((s) => (
              <li key={`${String(s.line)}:${String(s.character)}:${s.name}`}>
                <button
                  type="button"
                  className="code-outline__item"
                  data-depth={Math.min(s.depth, 4)}
                  aria-current={focus?.start === s.line ? 'location' : undefined}
                  onClick={() => {
                    setFocus({ start: s.line, end: s.endLine });
                    setNote(null);
                  }}
                >
                  <span className="code-outline__kind">{s.kind}</span> {s.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <div className="code-view__main">
        {file.documentId !== passage.documentId && (
          <p className="viewer__status">
            Showing {file.documentName}.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setFile({
                  documentId: passage.documentId,
                  documentName: passage.documentName,
                  originalPath: passage.originalPath,
                });
                setFocus(
                  passage.lineStart === undefined
                    ? null
                    : { start: passage.lineStart, end: passage.lineEnd ?? passage.lineStart },
                );
                setNote(null);
              }}
            >
              Back to {passage.documentName}
            </button>
          </p>
        )}
        {note && (
          <p className="viewer__status" role="status" data-testid="code-jump-note">
            {note}
          </p>
        )}
        <TextOriginalView passage={shown} onPick={pick} />
      </div>
    </div>
  );
}
