import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiagnosticsSnapshot } from '@shared/schemas';
import type { StreamHandle } from '@shared/rpcClient';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';

const INTERVAL_MS = 1000;

export interface LiveDiagnostics {
  live: boolean;
  snapshot: DiagnosticsSnapshot | null;
  start: () => void;
  stop: () => void;
}

/** The `diagnostics.watch` stream behind the Start/Stop toggle; cancelled when the screen goes away. */
export function useLiveDiagnostics(): LiveDiagnostics {
  const handleRef = useRef<StreamHandle<unknown> | null>(null);
  const [live, setLive] = useState(false);
  const [snapshot, setSnapshot] = useState<DiagnosticsSnapshot | null>(null);

  const start = useCallback(() => {
    if (handleRef.current) return;
    const api = connection.current();
    if (!api) {
      reportError('Could not start the live view', NOT_CONNECTED);
      return;
    }
    const handle = api.diagnostics.watch({ intervalMs: INTERVAL_MS }, setSnapshot);
    handleRef.current = handle;
    setLive(true);
    void handle.done.then((result) => {
      if (handleRef.current === handle) {
        handleRef.current = null;
        setLive(false);
      }
      if (!result.ok && result.error.code !== 'CANCELLED') reportError('The live view stopped', result.error);
    });
  }, []);

  const stop = useCallback(() => {
    const handle = handleRef.current;
    handleRef.current = null;
    setLive(false);
    handle?.cancel();
  }, []);

  useEffect(
    () => () => {
      handleRef.current?.cancel();
      handleRef.current = null;
    },
    [],
  );

  return { live, snapshot, start, stop };
}
