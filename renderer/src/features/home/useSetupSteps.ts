import { useModelsStore } from '@/features/models/useModelsStore';
import { useLibraryStore } from '@/features/library/libraryStores';
import { useConversationsStore } from '@/features/chat/useConversationsStore';
import { useSettingsStore } from '@/features/settings/useSettingsStore';

export type SetupStepId = 'chat' | 'embedding' | 'documents' | 'ask';
type SetupStepState = 'done' | 'current' | 'todo';

export interface SetupStep {
  id: SetupStepId;
  state: SetupStepState;
  /** Where this step stands now, in a person's words. */
  status: string;
}

interface SetupProgress {
  /** null until the models, library and conversations have loaded (so Home does not flash the checklist). */
  steps: SetupStep[] | null;
  complete: boolean;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/**
 * The four steps from a new library to a first answer, derived from the live stores (every one of them is kept
 * current by core events), so a step ticks itself off whichever window did it.
 */
export function useSetupSteps(): SetupProgress {
  const models = useModelsStore((s) => s.list);
  const library = useLibraryStore((s) => s.list);
  const conversations = useConversationsStore((s) => s.conversations);
  const remoteChat = useSettingsStore((s) =>
    Boolean(s.settings?.fallback.remoteBaseUrl && s.settings.fallback.remoteModel),
  );
  if (!models || !library || !conversations) return { steps: null, complete: false };

  const chatModel = models.models.find((m) => m.id === models.defaults.chat);
  const embeddingModel = models.models.find((m) => m.id === models.defaults.embedding);
  const { documents, indexed } = library.library;
  const done: Record<SetupStepId, boolean> = {
    chat: Boolean(chatModel) || remoteChat,
    embedding: Boolean(embeddingModel),
    documents: indexed > 0,
    ask: conversations.length > 0,
  };
  const status: Record<SetupStepId, string> = {
    chat: chatModel
      ? `${chatModel.displayName} answers your questions.`
      : remoteChat
        ? 'Answers come from the server set in Settings.'
        : 'No chat model yet.',
    embedding: embeddingModel
      ? `${embeddingModel.displayName} finds the passages.`
      : 'No embedding model yet: without one, Hearth cannot search your documents.',
    documents:
      indexed > 0
        ? `${plural(indexed, 'document', 'documents')} ready to search.`
        : documents > 0
          ? `${plural(documents, 'document', 'documents')} added, none ready yet.`
          : 'No documents yet.',
    ask: conversations.length > 0 ? `${plural(conversations.length, 'conversation', 'conversations')}.` : 'Not yet.',
  };
  const order: SetupStepId[] = ['chat', 'embedding', 'documents', 'ask'];
  const firstOpen = order.find((id) => !done[id]) ?? null;
  const steps = order.map((id) => ({
    id,
    state: done[id] ? 'done' : id === firstOpen ? 'current' : 'todo',
    status: status[id],
  })) satisfies SetupStep[];
  return { steps, complete: firstOpen === null };
}
