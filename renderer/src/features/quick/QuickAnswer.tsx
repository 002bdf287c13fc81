import { ERROR_HINTS } from '@shared/errors';
import { Icon } from '@/ui/Icon';
import { STEP_LABELS } from '@/features/chat/citationParts';
import { useQuickStore } from './useQuickStore';
import { AnswerMarkdown } from '@/features/chat/AnswerMarkdown';
import { SourcesList } from '@/features/chat/SourcesList';

/** The quick prompt's answer: the step, the streamed words with their chips, then the sources. */
export function QuickAnswer() {
  const { question, running, step, text, citations, answer, error, stopped } = useQuickStore();
  if (!question) return null;
  const grounded = answer?.grounded ?? true;
  return (
    <section className="quick__answer" aria-label="Answer" aria-busy={running} data-testid="quick-answer">
      <p className="quick__question">
        <span className="visually-hidden">You asked: </span>
        {question}
      </p>
      {!grounded && (
        <p className="answer-notice answer-notice--compact" data-testid="answer-not-grounded">
          <Icon name="info" size={16} className="answer-notice__icon" />
          Nothing in your documents answers this.
        </p>
      )}
      {text ? (
        <AnswerMarkdown text={answer?.content || text} citations={citations} />
      ) : running ? (
        <p className="chat-msg__pending" data-testid="quick-status">
          <span className="spinner" aria-hidden="true" />
          {step ? STEP_LABELS[step] : 'Starting…'}
        </p>
      ) : null}
      {stopped && <p className="chat-msg__note">Stopped.</p>}
      {answer?.notice && (
        <p className="chat-msg__note" data-testid="answer-fit-notice">
          {answer.notice}
        </p>
      )}
      {error && (
        <div className="chat-msg__error" role="alert">
          <p className="chat-msg__error-title">No answer: {error.message}</p>
          <p>{ERROR_HINTS[error.code]}</p>
        </div>
      )}
      {citations && <SourcesList citations={citations} />}
    </section>
  );
}
