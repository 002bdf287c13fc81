import { Icon } from '../../components/Icon';
import type { AnswerModel } from '../../store/useChatStore';

/** Which model answered; "fallback" when the chain skipped the chosen one. In words, not colour. */
export function ModelBadge({ model }: { model: AnswerModel }) {
  return (
    <p className="model-badge" data-testid="chat-model-badge">
      <Icon name="cube" size={14} />
      <span className="visually-hidden">Answered by </span>
      <span className="model-badge__name">{model.name}</span>
      {model.source === 'remote' && <span className="badge badge--idle">remote</span>}
      {model.fallback && <span className="badge badge--warn">fallback</span>}
    </p>
  );
}
