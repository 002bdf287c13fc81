import { useEffect, useRef, useState } from 'react';
import { estimateEta, trackEta } from './estimateEta';

/** How often the time left is worked out again while files run. */
const TICK_MS = 1000;

/**
 * Time left for work that is `fraction` (0–1) done, in ms, from the rate this client has watched it go at; null while
 * estimating or when nothing runs. Ticks every second, so it counts down between progress events too.
 */
export function useEta(running: boolean, fraction: number): number | null {
  const [eta, setEta] = useState<number | null>(null);
  const latest = useRef(fraction);
  useEffect(() => {
    latest.current = fraction;
  }, [fraction]);
  useEffect(() => {
    if (!running) return;
    let anchor = trackEta(null, latest.current, Date.now());
    const timer = setInterval(() => {
      const now = Date.now();
      anchor = trackEta(anchor, latest.current, now);
      setEta(estimateEta(anchor, latest.current, now));
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      setEta(null);
    };
  }, [running]);
  return running ? eta : null;
}
