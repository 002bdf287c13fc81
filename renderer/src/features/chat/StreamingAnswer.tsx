import { STEP_LABELS } from './citationParts';
import { useConversationsStore } from './useConversationsStore';
import { useRuntimeStore } from '@/features/models/useRuntimeStore';
import { AnswerMarkdown } from './AnswerMarkdown';
import { SourcesList } from './SourcesList';
import { useStickToBottom } from './useStickToBottom';

/** The answer being written: the agent's step until words arrive, then the words. The only per-token re-render. */
export function StreamingAnswer() {
  const text = useConversationsStore((s) => s.streamingText);
  const step = useConversationsStore((s) => s.turn?.step ?? null);
  const citations = useConversationsStore((s) => s.turn?.citations ?? null);
  const loading = useRuntimeStore((s) => s.status?.state === 'loading');
  useStickToBottom(text.length);
  const status = loading && step === 'answering' ? 'Loading the model…' : step ? STEP_LABELS[step] : 'Starting…';
  return (
    <li
      className="chat-msg chat-msg--assistant chat-msg--streaming"
      data-testid="chat-message-assistant"
      aria-busy="true"
    >
      <span className="visually-hidden">Hearth: </span>
      {text ? (
        <div className="answer-streaming" data-testid="answer-streaming">
          <AnswerMarkdown text={text} citations={citations} />
          <span className="chat-msg__caret" aria-hidden="true" />
        </div>
      ) : (
        <p className="chat-msg__pending" data-testid="answer-status">
          <span className="spinner" aria-hidden="true" />
          {status}
        </p>
      )}
      {citations && <SourcesList citations={citations} />}
    </li>
  );
}
