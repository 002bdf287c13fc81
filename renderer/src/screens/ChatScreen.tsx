import { ErrorCallout } from '../components/ErrorCallout';
import { ScreenHeader } from '../components/ScreenHeader';
import { useConversationsStore } from '../store/useConversationsStore';
import { useModelsStore } from '../store/useModelsStore';
import { useSettingsStore } from '../store/useSettingsStore';
import { ChatAnnouncer } from './chat/ChatAnnouncer';
import { Composer } from './chat/Composer';
import { ConversationHeader } from './chat/ConversationHeader';
import { ConversationList } from './chat/ConversationList';
import { EmptyChat } from './chat/EmptyChat';
import { MessageList } from './chat/MessageList';
import { NewChatButton } from './chat/NewChatButton';
import { NoModelNotice } from './chat/NoModelNotice';
import { useConversationRoute } from './chat/useConversationRoute';
import { CitationViewer } from './chat/viewer/CitationViewer';

export function ChatScreen() {
  useConversationRoute();
  const list = useModelsStore((s) => s.list);
  const fallback = useSettingsStore((s) => s.settings?.fallback ?? null);
  const noModel = useConversationsStore((s) => s.noModel);
  const loadError = useConversationsStore((s) => s.loadError);
  const empty = useConversationsStore((s) => s.messages.length === 0 && s.turn === null && !s.loading);
  // Until the list arrives, assume a model exists rather than flash the notice.
  const localModels = list === null ? null : list.models.filter((m) => !m.isEmbeddingModel);
  const hasRemote = Boolean(fallback?.remoteBaseUrl && fallback.remoteModel);
  const nothingToAsk = localModels?.length === 0 && !hasRemote;
  const chatDefault = list?.models.find((m) => m.id === list.defaults.chat)?.displayName ?? null;

  return (
    <div className="chat-screen">
      <ScreenHeader title="Chat" aside={<NewChatButton />} />
      <div className="chat-layout">
        <ConversationList />
        <section className="chat-pane" aria-label="Conversation">
          <ConversationHeader />
          {loadError && <ErrorCallout title="Could not open the conversation" error={loadError} />}
          {nothingToAsk ? (
            <NoModelNotice error={null} />
          ) : (
            <>
              {empty && !loadError && <EmptyChat modelName={chatDefault} />}
              <MessageList />
              {noModel && <NoModelNotice error={noModel} />}
              <Composer />
            </>
          )}
        </section>
      </div>
      <ChatAnnouncer />
      <CitationViewer />
    </div>
  );
}
