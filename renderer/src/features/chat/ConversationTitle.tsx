import { useId, useState } from 'react';
import { Icon } from '@/ui/Icon';
import { useConversationsStore } from './useConversationsStore';

/** The open conversation's title; "Rename" swaps it for a field (Enter or leaving it saves, Esc cancels). */
export function ConversationTitle({ id, title }: { id: string; title: string }) {
  const inputId = useId();
  const rename = useConversationsStore((s) => s.rename);
  const [draft, setDraft] = useState<string | null>(null);

  const commit = async () => {
    if (draft === null) return;
    const next = draft.trim();
    setDraft(null);
    if (next && next !== title) await rename(id, next.slice(0, 200));
    document.querySelector<HTMLButtonElement>('[data-testid="conversation-rename"]')?.focus();
  };

  if (draft !== null) {
    return (
      <div className="conv-title conv-title--editing">
        <label htmlFor={inputId} className="visually-hidden">
          Conversation title
        </label>
        <input
          id={inputId}
          className="text-input conv-title__input"
          value={draft}
          maxLength={200}
          autoFocus
          onChange={(event) => {
            setDraft(event.target.value);
          }}
          onBlur={() => void commit()}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void commit();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              setDraft(null);
            }
          }}
          data-testid="conversation-title-input"
        />
      </div>
    );
  }

  return (
    <div className="conv-title">
      <h2 className="conv-title__text" data-testid="conversation-title">
        {title}
      </h2>
      <button
        type="button"
        className="icon-button"
        onClick={() => {
          setDraft(title);
        }}
        data-testid="conversation-rename"
      >
        <Icon name="edit" size={16} />
        <span className="visually-hidden">Rename this conversation</span>
      </button>
    </div>
  );
}
