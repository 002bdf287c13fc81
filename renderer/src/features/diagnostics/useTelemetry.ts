import { useEffect, useState } from 'react';
import type { TelemetryRecent } from '@shared/telemetrySchemas';
import { connection } from '@/ipc/client';

const POLL_MS = 2_000;

/** The core's recent telemetry and when it was read. */
export interface TelemetryView {
  recent: TelemetryRecent;
  at: number;
}

/** The core's recent telemetry, polled while the Diagnostics screen is open; null until the first answer. */
export function useTelemetry(): TelemetryView | null {
  const [recent, setRecent] = useState<TelemetryView | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const api = connection.current();
      const result = api ? await api.telemetry.recent({}) : null;
      if (stopped) return;
      if (result?.ok) setRecent({ recent: result.value, at: Date.now() });
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return recent;
}
