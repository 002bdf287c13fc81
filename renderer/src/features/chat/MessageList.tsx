import { useConversationsStore } from './useConversationsStore';
import { AnswerMessage } from './AnswerMessage';
import { StreamingAnswer } from './StreamingAnswer';
import { UserMessage } from './UserMessage';
import { useStickToBottom } from './useStickToBottom';

/** The conversation: stored messages (re-rendered once per turn), then the question and answer in progress. */
export function MessageList() {
  const messages = useConversationsStore((s) => s.messages);
  const question = useConversationsStore((s) => s.turn?.question ?? null);
  const running = useConversationsStore((s) => s.turn !== null);
  useStickToBottom(messages.length + (running ? 1 : 0));
  if (messages.length === 0 && !running) return null;
  const last = messages[messages.length - 1];
  return (
    <ol className="chat-log" aria-label="Conversation">
      {messages.map((message) =>
        message.role === 'user' ? (
          <UserMessage key={message.id} message={message} />
        ) : (
          <AnswerMessage key={message.id} message={message} isLast={!running && message === last} />
        ),
      )}
      {question !== null && (
        <li className="chat-msg chat-msg--user" data-testid="chat-message-user">
          <span className="visually-hidden">You: </span>
          <p className="chat-msg__text">{question}</p>
        </li>
      )}
      {running && <StreamingAnswer />}
    </ol>
  );
}
