import { useChatStore } from '../../store/useChatStore';
import { ChatMessageItem } from './ChatMessageItem';
import { StreamingMessage } from './StreamingMessage';
import { useStickToBottom } from './useStickToBottom';

/** The conversation. Re-renders once per turn; the streaming answer updates on its own. */
export function MessageList({ emptyText }: { emptyText: string }) {
  const messages = useChatStore((s) => s.messages);
  const streaming = useChatStore((s) => s.streaming !== null);
  useStickToBottom(messages.length);
  if (messages.length === 0 && !streaming) {
    return (
      <p className="chat-empty" data-testid="chat-empty">
        {emptyText}
      </p>
    );
  }
  return (
    <ol className="chat-log" aria-label="Conversation">
      {messages.map((message) => (
        <ChatMessageItem key={message.id} message={message} />
      ))}
      <StreamingMessage />
    </ol>
  );
}
