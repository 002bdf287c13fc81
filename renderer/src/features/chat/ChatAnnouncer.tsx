import { useConversationsStore } from './useConversationsStore';

/** A polite live region: the agent's step, the streaming answer a few words at a time, then "Answer complete." */
export function ChatAnnouncer() {
  const announcement = useConversationsStore((s) => s.announcement);
  return (
    <p className="visually-hidden" role="status" data-testid="chat-announcer">
      {announcement}
    </p>
  );
}
