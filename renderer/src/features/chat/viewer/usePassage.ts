import { useEffect, useState } from 'react';
import type { Passage } from '@shared/answerSchemas';
import type { ErrorData } from '@shared/errors';
import { getHearth } from '@/ipc/client';

export type PassageState =
  { status: 'loading' } | { status: 'ready'; passage: Passage } | { status: 'error'; error: ErrorData };

/** The cited passage with where it sits and where its original can be fetched (`library.passage`). */
export function usePassage(chunkId: string): PassageState {
  const [state, setState] = useState<{ chunkId: string; value: PassageState } | null>(null);
  useEffect(() => {
    let live = true;
    void getHearth()
      .then((api) => api.library.passage({ chunkId }))
      .then((result) => {
        if (!live) return;
        setState({
          chunkId,
          value: result.ok ? { status: 'ready', passage: result.value } : { status: 'error', error: result.error },
        });
      });
    return () => {
      live = false;
    };
  }, [chunkId]);
  return state?.chunkId === chunkId ? state.value : { status: 'loading' };
}

/** Fetches an original's bytes (same origin, with the session cookie). */
export async function fetchOriginal(path: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(path, { credentials: 'same-origin', signal });
  if (!response.ok) {
    throw new Error(
      response.status === 404
        ? 'The original file is no longer in Hearth.'
        : `Hearth could not send the original (HTTP ${String(response.status)}).`,
    );
  }
  return response.arrayBuffer();
}

/** Fetches an original as text. */
export async function fetchOriginalText(path: string, signal: AbortSignal): Promise<string> {
  return new TextDecoder().decode(await fetchOriginal(path, signal));
}
