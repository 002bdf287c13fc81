import { Icon } from '@/ui/Icon';
import { conversationHref } from '@/routing/routes';
import { useConversationsStore } from './useConversationsStore';

/** Starts a new conversation (the next question creates it) and puts the cursor in the message box. */
export function NewChatButton() {
  const empty = useConversationsStore((s) => s.activeId === null && s.turn === null);
  return (
    <button
      type="button"
      className="button"
      disabled={empty}
      onClick={() => {
        location.hash = conversationHref(null);
        document.querySelector<HTMLTextAreaElement>('[data-testid="chat-input"]')?.focus();
      }}
      data-testid="chat-new"
    >
      <Icon name="plus" size={14} />
      New conversation
    </button>
  );
}
