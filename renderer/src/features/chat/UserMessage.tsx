import { memo, useId, useState } from 'react';
import type { Message } from '@shared/answerSchemas';
import { Icon } from '@/ui/Icon';
import { useConversationsStore } from './useConversationsStore';

/** A question; "Edit" turns it into a box whose text is sent again (what came after it is replaced). */
export const UserMessage = memo(function UserMessage({ message }: { message: Message }) {
  const id = useId();
  const edit = useConversationsStore((s) => s.edit);
  const busy = useConversationsStore((s) => s.turn !== null);
  const [draft, setDraft] = useState<string | null>(null);

  if (draft !== null) {
    const send = () => {
      if (edit(message.id, draft)) setDraft(null);
    };
    return (
      <li className="chat-msg chat-msg--user chat-msg--editing" data-testid="chat-message-user">
        <form
          className="message-edit"
          onSubmit={(event) => {
            event.preventDefault();
            send();
          }}
        >
          <label htmlFor={id} className="visually-hidden">
            Edit your question
          </label>
          <textarea
            id={id}
            className="composer__input message-edit__input"
            value={draft}
            // The person asked for this box: the cursor belongs in it.
            autoFocus
            onChange={(event) => {
              setDraft(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setDraft(null);
              } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
                event.preventDefault();
                send();
              }
            }}
            data-testid="message-edit-input"
          />
          <div className="message-edit__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setDraft(null);
              }}
            >
              Cancel
            </button>
            <button
              type="submit"
              className="button button--small button--primary"
              disabled={busy || !draft.trim()}
              data-testid="message-edit-send"
            >
              <Icon name="send" size={14} />
              Save and resend
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="chat-msg chat-msg--user" data-testid="chat-message-user" data-message-id={message.id}>
      <span className="visually-hidden">You: </span>
      <p className="chat-msg__text">{message.content}</p>
      <button
        type="button"
        className="chat-msg__edit"
        disabled={busy}
        onClick={() => {
          setDraft(message.content);
        }}
        data-testid="message-edit"
      >
        <Icon name="edit" size={14} />
        Edit<span className="visually-hidden"> and resend this question</span>
      </button>
    </li>
  );
});
