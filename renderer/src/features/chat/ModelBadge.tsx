import { Icon } from '@/ui/Icon';

/** Which model answered. */
export function ModelBadge({ model }: { model: string }) {
  return (
    <p className="model-badge" data-testid="chat-model-badge">
      <Icon name="cube" size={14} />
      <span className="visually-hidden">Answered by </span>
      <span className="model-badge__name">{model}</span>
    </p>
  );
}
