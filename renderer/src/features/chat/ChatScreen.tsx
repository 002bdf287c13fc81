import { ErrorCallout } from '@/ui/ErrorCallout';
import { ScreenHeader } from '@/ui/ScreenHeader';
import { useConversationsStore } from './useConversationsStore';
import { useModelsStore } from '@/features/models/useModelsStore';
import { useSettingsStore } from '@/features/settings/useSettingsStore';
import { ChatAnnouncer } from './ChatAnnouncer';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { ConversationList } from './ConversationList';
import { EmptyChat } from './EmptyChat';
import { MessageList } from './MessageList';
import { NewChatButton } from './NewChatButton';
import { NoModelNotice } from './NoModelNotice';
import { useConversationRoute } from './useConversationRoute';
import { CitationViewer } from './viewer/CitationViewer';

export function ChatScreen() {
  useConversationRoute();
  const list = useModelsStore((s) => s.list);
  const fallback = useSettingsStore((s) => s.settings?.fallback ?? null);
  const noModel = useConversationsStore((s) => s.noModel);
  const loadError = useConversationsStore((s) => s.loadError);
  const empty = useConversationsStore((s) => s.messages.length === 0 && s.turn === null && !s.loading);
  // Until the list arrives, assume a model exists rather than flash the notice.
  const localModels = list === null ? null : list.models.filter((m) => !m.isEmbeddingModel && !m.isReranker);
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
