import { memo } from 'react';
import { ERROR_HINTS } from '../../../../electron/shared/errors';
import { formatInteger } from '../../lib/formatNumber';
import type { ChatMessage } from '../../store/useChatStore';
import { ModelBadge } from './ModelBadge';

/** One finished turn. Memoised: a message never changes once it is in the history. */
export const ChatMessageItem = memo(function ChatMessageItem({ message }: { message: ChatMessage }) {
  if (message.role === 'user') {
    return (
      <li className="chat-msg chat-msg--user" data-testid="chat-message-user">
        <span className="visually-hidden">You: </span>
        <p className="chat-msg__text">{message.text}</p>
      </li>
    );
  }
  const notes: string[] = [];
  if (message.stopped) notes.push(message.text ? 'Stopped.' : 'Stopped before any answer.');
  if (message.finishReason === 'length') notes.push('Cut off at the answer length limit (Options → Max tokens).');
  if (message.completionTokens !== undefined) notes.push(`${formatInteger(message.completionTokens)} tokens`);
  return (
    <li className="chat-msg chat-msg--assistant" data-testid="chat-message-assistant">
      <span className="visually-hidden">Hearth: </span>
      {message.model && <ModelBadge model={message.model} />}
      {message.text && <p className="chat-msg__text">{message.text}</p>}
      {message.error && (
        <div className="chat-msg__error" role="alert">
          <p className="chat-msg__error-title">No answer: {message.error.message}</p>
          <p>{ERROR_HINTS[message.error.code]}</p>
        </div>
      )}
      {notes.length > 0 && <p className="chat-msg__note">{notes.join(' · ')}</p>}
    </li>
  );
});
