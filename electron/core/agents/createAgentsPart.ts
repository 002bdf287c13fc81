import { answerHandlers } from './answerHandlers';
import type { AuditLog } from '../audit/AuditLog';
import { LIBRARY_EMBEDDING_VERSION, type LibraryServices } from '../library/createLibraryPart';
import type { Part, PartContext } from '../lifecycle/PartContext';
import type { RuntimeServices } from '../runtime/createRuntimePart';
import type { SettingsService } from '../settings/SettingsService';
import type { CodeService } from '../lsp/CodeService';
import { AnswerService } from './AnswerService';
import { HearthChatModel } from './HearthChatModel';
import { KeywordThread } from '../library/catalog/KeywordThread';
import { HybridRetriever } from './retrieval/HybridRetriever';
import { LibrarySearch } from './retrieval/LibrarySearch';
import { RerankStage } from './retrieval/RerankStage';
import { AgentTools } from './tools/AgentTools';

/** The services of the agents part. */
export interface AgentServices {
  retriever: HybridRetriever;
  /** Library search for every caller: the search box, the agent's tool, the coming MCP and OpenAI endpoints. */
  search: LibrarySearch;
  tools: AgentTools;
  answers: AnswerService;
}

type AgentChannels = keyof ReturnType<typeof answerHandlers> | 'library.search';

/** Grounded answers: hybrid retrieval, the audited read-only tools and the LangGraph answer graph. */
export function createAgentsPart(
  ctx: PartContext,
  deps: {
    settings: SettingsService;
    audit: AuditLog;
    runtime: RuntimeServices;
    library: LibraryServices;
    /** The code index, for the code tools. */
    code?: CodeService;
  },
): Part<AgentServices, AgentChannels> {
  const { logger, events, disposables } = ctx;
  const { settings, runtime } = deps;
  const { library, libraryCatalog } = deps.library;
  // A SQLite catalogue's keyword search runs in a thread of its own (PostgreSQL ranks in its own server anyway).
  const keywordWorker = ctx.platform.keywordWorker;
  const keywordThread =
    keywordWorker && libraryCatalog.dialect === 'sqlite'
      ? disposables.add(
          'keyword search thread',
          new KeywordThread({
            entry: keywordWorker.entry,
            ...(keywordWorker.execArgv ? { execArgv: keywordWorker.execArgv } : {}),
            catalogPath: libraryCatalog.path,
            logger: logger.child({ component: 'retrieval' }),
          }),
        )
      : null;
  // A library with passages: start the thread now; an empty one starts it at its first search.
  if (libraryCatalog.chunkCount() > 0) keywordThread?.start();
  const retriever = disposables.add(
    'retriever',
    new HybridRetriever({
      catalog: libraryCatalog,
      embed: runtime.embed,
      index: (key) => library.indexFor(key),
      embeddingVersion: LIBRARY_EMBEDDING_VERSION,
      activeIndex: () => libraryCatalog.indexes.active(),
      queryModel: () => runtime.preferred().embedding[0] ?? null,
      ...(keywordThread ? { keywordSearch: keywordThread.search.bind(keywordThread) } : {}),
      logger: logger.child({ component: 'retrieval' }),
    }),
  );
  // Remembered query vectors stay true only while the models and the loaded embedding model do.
  ctx.signals.on('models.changed', () => retriever.forgetQueryVectors());
  let embedding = runtime.runtime.currentStatus().embedding;
  disposables.add(
    'query vector invalidation',
    runtime.runtime.onStatus((status) => {
      if (status.embedding === embedding) return;
      embedding = status.embedding;
      retriever.forgetQueryVectors();
    }),
  );
  // A library with passages: load its embedding model now, not when the first question waits for it.
  void retriever.warmUp();
  // Holds nothing of its own: its searches run in the retriever, which stops them.
  // On while a reranker is installed and the setting allows; its model loads in the worker on first use.
  const rerank = new RerankStage({
    enabled: () => settings.get().answers.rerank && runtime.preferred().ranking.length > 0,
    rank: async (query, texts, signal) => (await runtime.runtime.rank(query, texts, { signal })).scores,
    logger: logger.child({ component: 'rerank' }),
  });
  const search = new LibrarySearch({ retriever, catalog: libraryCatalog, rerank });
  const tools = disposables.add(
    'agent tools',
    new AgentTools({ search, catalog: libraryCatalog, audit: deps.audit, ...(deps.code ? { code: deps.code } : {}) }),
  );
  const onChanged = (change: { id: string; deleted: boolean }): void => events.emit('conversations.changed', change);
  const answers = disposables.add(
    'answers',
    new AnswerService({
      catalog: libraryCatalog,
      tools,
      model: new HearthChatModel({ runtime: runtime.runtime }),
      settings: () => settings.get().answers,
      onChanged,
      logger: logger.child({ component: 'answers' }),
    }),
  );
  return {
    services: { retriever, search, tools, answers },
    handlers: {
      ...answerHandlers({ answers, catalog: libraryCatalog, onChanged }),
      'library.search': (input, ctx) => search.search(input, ctx.signal),
    },
  };
}
