import { memo } from 'react';
import type { Message } from '@shared/answerSchemas';
import { ERROR_HINTS } from '@shared/errors';
import { Icon } from '@/ui/Icon';
import { AnswerActions } from './AnswerActions';
import { AnswerMarkdown } from './AnswerMarkdown';
import { ModelBadge } from './ModelBadge';
import { SourcesList } from './SourcesList';

const NOT_FOUND = 'Nothing in your documents answers this.';

/** An answer retrieval could not support: a notice (not an answer), with what the core said under it. */
function NotGrounded({ message }: { message: Message }) {
  const same = message.content.trim().replace(/\s+/g, ' ') === NOT_FOUND;
  return (
    <div className="answer-notice" data-testid="answer-not-grounded">
      <Icon name="info" size={18} className="answer-notice__icon" />
      <div className="answer-notice__body">
        <p className="answer-notice__title">{NOT_FOUND}</p>
        {message.model && <p>What follows comes from the model alone, not from your documents.</p>}
        {message.content && !same && <AnswerMarkdown text={message.content} citations={message.citations} />}
      </div>
    </div>
  );
}

/** One finished answer. Memoised: a stored message does not change. */
export const AnswerMessage = memo(function AnswerMessage({ message, isLast }: { message: Message; isLast: boolean }) {
  const notes: string[] = [];
  if (message.status === 'stopped') notes.push(message.content ? 'Stopped.' : 'Stopped before any answer.');
  return (
    <li className="chat-msg chat-msg--assistant" data-testid="chat-message-assistant" data-message-id={message.id}>
      <span className="visually-hidden">Hearth: </span>
      {message.model && <ModelBadge model={message.model} />}
      {/* A stopped or failed answer is stored as not grounded too; only a finished one is a "not found". */}
      {message.grounded || message.status !== 'complete' ? (
        message.content && <AnswerMarkdown text={message.content} citations={message.citations} />
      ) : (
        <NotGrounded message={message} />
      )}
      {message.error && (
        <div className="chat-msg__error" role="alert">
          <p className="chat-msg__error-title">No answer: {message.error.message}</p>
          <p>{ERROR_HINTS[message.error.code]}</p>
        </div>
      )}
      {notes.length > 0 && <p className="chat-msg__note">{notes.join(' · ')}</p>}
      {message.notice && (
        <p className="chat-msg__note chat-msg__note--fit" data-testid="answer-fit-notice">
          <Icon name="info" size={14} /> {message.notice}
        </p>
      )}
      <SourcesList citations={message.citations} />
      <AnswerActions message={message} isLast={isLast} />
    </li>
  );
});
