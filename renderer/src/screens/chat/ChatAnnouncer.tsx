import { useChatStore } from '../../store/useChatStore';

/** A polite live region: the streaming answer read out a few words at a time, then "Answer complete." */
export function ChatAnnouncer() {
  const announcement = useChatStore((s) => s.announcement);
  return (
    <p className="visually-hidden" role="status" data-testid="chat-announcer">
      {announcement}
    </p>
  );
}
