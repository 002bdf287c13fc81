import { useEffect, useLayoutEffect } from 'react';

/** Whether the page was at (or near) its end at the last scroll; shared by the list and the streaming answer. */
let stuck = true;
const SLACK_PX = 96;

function atEnd(): boolean {
  const root = document.documentElement;
  return window.innerHeight + window.scrollY >= root.scrollHeight - SLACK_PX;
}

/** Keeps the newest text in view while it grows, unless the person scrolled up to read. The document scrolls. */
export function useStickToBottom(growth: unknown): void {
  useEffect(() => {
    const onScroll = () => {
      stuck = atEnd();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
    };
  }, []);
  useLayoutEffect(() => {
    if (stuck) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [growth]);
}
