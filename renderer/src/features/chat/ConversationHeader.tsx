import { useState } from 'react';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { Icon } from '@/ui/Icon';
import { useConversationsStore } from './useConversationsStore';
import { ConversationTitle } from './ConversationTitle';
import { ScopePicker } from './ScopePicker';

/** Above the messages: the title (rename), what it searches, and Export / Delete. */
export function ConversationHeader() {
  const conversation = useConversationsStore((s) => s.conversation);
  const activeId = useConversationsStore((s) => s.activeId);
  const exportMarkdown = useConversationsStore((s) => s.exportMarkdown);
  const remove = useConversationsStore((s) => s.remove);
  const busy = useConversationsStore((s) => s.turn !== null);
  const [confirming, setConfirming] = useState(false);

  return (
    <div className="conv-header">
      {conversation ? (
        <ConversationTitle key={conversation.id} id={conversation.id} title={conversation.title} />
      ) : (
        <h2 className="conv-title__text">{activeId ? 'Loading…' : 'New conversation'}</h2>
      )}
      <div className="conv-header__tools">
        <ScopePicker />
        {conversation && (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => void exportMarkdown(conversation.id)}
              data-testid="conversation-export"
            >
              <Icon name="download" size={14} />
              Export
            </button>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              disabled={busy}
              onClick={() => {
                setConfirming(true);
              }}
              data-testid="conversation-delete"
            >
              <Icon name="trash" size={14} />
              Delete
            </button>
          </>
        )}
      </div>
      {confirming && conversation && (
        <ConfirmDialog
          title={`Delete “${conversation.title}”?`}
          confirmLabel="Delete conversation"
          destructive
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void remove(conversation.id).then((deleted) => {
              if (deleted) document.querySelector<HTMLTextAreaElement>('[data-testid="chat-input"]')?.focus();
            });
          }}
        >
          <p>Its questions and answers are removed from Hearth. Your documents stay in the library.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
