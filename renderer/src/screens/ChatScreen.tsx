import { ScreenHeader } from '../components/ScreenHeader';
import { useChatStore } from '../store/useChatStore';
import { useModelsStore } from '../store/useModelsStore';
import { useSettingsStore } from '../store/useSettingsStore';
import { ChatAnnouncer } from './chat/ChatAnnouncer';
import { ChatOptions } from './chat/ChatOptions';
import { Composer } from './chat/Composer';
import { MessageList } from './chat/MessageList';
import { NewChatButton } from './chat/NewChatButton';
import { NoModelNotice } from './chat/NoModelNotice';

export function ChatScreen() {
  const list = useModelsStore((s) => s.list);
  const fallback = useSettingsStore((s) => s.settings?.fallback ?? null);
  const noModel = useChatStore((s) => s.noModel);
  // Until the list arrives, assume a model exists rather than flash the notice.
  const localModels = list === null ? null : list.models.filter((m) => !m.isEmbeddingModel);
  const hasRemote = Boolean(fallback?.remoteBaseUrl && fallback.remoteModel);
  const nothingToAsk = localModels?.length === 0 && !hasRemote;
  const chatDefault = list?.models.find((m) => m.id === list.defaults.chat)?.displayName;
  const emptyText = chatDefault
    ? `Ask anything. ${chatDefault} answers on this computer.`
    : localModels?.length === 0
      ? `Ask anything. No model is installed here, so the fallback model (${fallback?.remoteModel ?? ''}) answers.`
      : 'Ask anything. A model on this computer answers.';

  return (
    <div className="chat-screen">
      <ScreenHeader
        title="Chat"
        aside={
          <div className="chat-screen__tools">
            <ChatOptions />
            <NewChatButton />
          </div>
        }
      />
      {nothingToAsk ? (
        <NoModelNotice error={null} />
      ) : (
        <>
          <MessageList emptyText={emptyText} />
          {noModel && <NoModelNotice error={noModel} />}
          <Composer />
        </>
      )}
      <ChatAnnouncer />
    </div>
  );
}
