import { useChatStore } from '../../store/useChatStore';
import { useRuntimeStore } from '../../store/useRuntimeStore';
import { ModelBadge } from './ModelBadge';
import { useStickToBottom } from './useStickToBottom';

/** The answer being written. The only component that re-renders per (batched) token. */
export function StreamingMessage() {
  const answer = useChatStore((s) => s.streaming);
  const loading = useRuntimeStore((s) => s.status?.state === 'loading');
  useStickToBottom(answer?.text.length);
  if (!answer) return null;
  return (
    <li
      className="chat-msg chat-msg--assistant chat-msg--streaming"
      data-testid="chat-message-assistant"
      aria-busy="true"
    >
      <span className="visually-hidden">Hearth: </span>
      {answer.model && <ModelBadge model={answer.model} />}
      {answer.text ? (
        <p className="chat-msg__text">
          {answer.text}
          <span className="chat-msg__caret" aria-hidden="true" />
        </p>
      ) : (
        <p className="chat-msg__pending">
          <span className="spinner" aria-hidden="true" />
          {loading ? 'Loading the model…' : 'Thinking…'}
        </p>
      )}
    </li>
  );
}
