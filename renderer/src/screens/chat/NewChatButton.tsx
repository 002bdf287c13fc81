import { Icon } from '../../components/Icon';
import { useChatStore } from '../../store/useChatStore';

/** Forgets the conversation (here and in the core's session) and puts the cursor back in the message box. */
export function NewChatButton() {
  const reset = useChatStore((s) => s.reset);
  const empty = useChatStore((s) => s.messages.length === 0 && s.streaming === null);
  return (
    <button
      type="button"
      className="button"
      disabled={empty}
      onClick={() => {
        void reset();
        document.querySelector<HTMLTextAreaElement>('[data-testid="chat-input"]')?.focus();
      }}
      data-testid="chat-new"
    >
      <Icon name="plus" size={14} />
      New chat
    </button>
  );
}
