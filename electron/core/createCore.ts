import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ServerMessage } from '../shared/wire';
import { AuditLog } from './audit/AuditLog';
import { createHandlers } from './createHandlers';
import { modelHandlers } from './handlers/modelHandlers';
import { runtimeHandlers, toContractStatus } from './handlers/runtimeHandlers';
import { ModelCatalog } from './runtime/models/ModelCatalog';
import { StorageServices } from './storage/StorageServices';
import { RuntimeService } from './runtime/RuntimeService';
import { Diagnostics } from './diagnostics/Diagnostics';
import { createLogger, flushLogger } from './logging/createLogger';
import { dataPaths, type DataPaths } from './paths/resolveDataDir';
import type { Platform } from './platform';
import { Dispatcher } from './rpc/Dispatcher';
import { EventBus } from './rpc/EventBus';
import { RpcSession } from './rpc/RpcSession';
import { keychainServiceName } from './secrets/keychainServiceName';
import { SecretsService } from './secrets/SecretsService';
import { SettingsService } from './settings/SettingsService';
import { StagingArea } from './staging/StagingArea';
import { Supervisor } from './supervisor';
import { Catalog } from './library/catalog/Catalog';
import { Library } from './library/Library';
import { libraryHandlers } from './handlers/libraryHandlers';
import { answerHandlers } from './handlers/answerHandlers';
import { AnswerService } from './agents/AnswerService';
import { HearthChatModel } from './agents/HearthChatModel';
import { HybridRetriever } from './agents/retrieval/HybridRetriever';
import { AgentTools } from './agents/tools/AgentTools';
import { parseFile } from './library/parse/parseFile';
import { ParserPool } from './library/parse/pool/ParserPool';
import { LivingLibrary } from './library/living/LivingLibrary';
import { libraryStorageUsage } from './library/living/libraryStorageUsage';
import { livingLibraryHandlers } from './handlers/livingLibraryHandlers';

/** Part of every vector index key; bump when chunking or the way texts are embedded changes. */
export const LIBRARY_EMBEDDING_VERSION = 1;

/** The running core: every service, built once and disposed together. */
export interface Core {
  readonly paths: DataPaths;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly dispatcher: Dispatcher;
  readonly settings: SettingsService;
  readonly secrets: SecretsService;
  readonly supervisor: Supervisor;
  readonly audit: AuditLog;
  readonly staging: StagingArea;
  readonly diagnostics: Diagnostics;
  readonly catalog: ModelCatalog;
  readonly runtime: RuntimeService;
  readonly storage: StorageServices;
  readonly library: Library;
  /** Watched folders, bucket changes, re-embedding, collections. */
  readonly living: LivingLibrary;
  readonly documents: Catalog;
  readonly answers: AnswerService;
  readonly retriever: HybridRetriever;
  readonly tools: AgentTools;
  /** A client connection (IPC window or WebSocket); dispose it when the client goes away. */
  createSession(
    origin: 'ipc' | 'ws',
    send: (message: ServerMessage) => void,
    options?: { /** See CallContext.localPaths. */ localPaths?: boolean },
  ): RpcSession;
  dispose(): Promise<void>;
}

const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Builds the core by hand, passing dependencies in (no DI framework), in dependency order. */
export async function createCore(platform: Platform): Promise<Core> {
  const paths = dataPaths(platform.dataDir);
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  for (const dir of [paths.logs, paths.run, paths.staging, paths.audit])
    await mkdir(dir, { recursive: true, mode: 0o700 });

  const logger = createLogger({
    logsDir: paths.logs,
    ...(platform.logLevel ? { level: platform.logLevel } : {}),
    stdout: platform.logToStdout ?? false,
  });
  const startedAt = Date.now();
  const events = new EventBus();
  const disposers: Array<() => Promise<void> | void> = [() => events.dispose()];

  try {
    const settings = await SettingsService.open({
      file: paths.settings,
      logger,
      onChange: (value) => events.emit('settings.changed', value),
    });
    const secrets = await SecretsService.open({
      service: keychainServiceName(paths.root, platform.defaultDataDir),
      dataDir: paths.root,
      logger,
      allowFileFallback: process.platform === 'linux',
      ...(platform.keychain ? { keychain: platform.keychain } : {}),
      onChange: (names) => events.emit('secrets.changed', { names }),
    });
    const audit = await AuditLog.open({ dir: paths.audit });
    const staging = new StagingArea({ dir: paths.staging });
    const swept = await staging.sweep(STAGING_MAX_AGE_MS);
    if (swept) logger.info({ swept }, 'removed stale uploads');

    const supervisor = new Supervisor({
      runDir: paths.run,
      watchdogPath: platform.watchdogPath,
      node: platform.node,
      logger,
      onStatus: (status) => events.emit('supervisor.status', status),
    });
    disposers.unshift(() => supervisor.dispose());
    const reaped = await supervisor.reapStale();
    if (reaped.reaped.length) logger.warn({ pids: reaped.reaped }, 'stopped children left over from a previous run');

    // Diagnostics reports the dispatcher's stream count, and the dispatcher serves diagnostics.
    const ref: { dispatcher?: Dispatcher } = {};
    const diagnostics = new Diagnostics({
      startedAt,
      activeStreams: () => ref.dispatcher?.activeStreams ?? 0,
      children: () => supervisor.list(),
    });
    disposers.push(() => diagnostics.dispose());

    const catalog = await ModelCatalog.open({ dir: paths.models, logger });
    disposers.push(() => catalog.dispose());
    const inference = settings.get().inference;
    const runtime = new RuntimeService({
      supervisor,
      logger,
      workerEntry: platform.inferenceWorker.entry,
      workerExecArgv: platform.inferenceWorker.execArgv ?? [],
      ...(platform.inferenceWorker.env ? { workerEnv: platform.inferenceWorker.env } : {}),
      nodeCommand: platform.node.command,
      ...(platform.node.env ? { nodeEnv: platform.node.env } : {}),
      resolveModelPath: (id) => {
        try {
          return catalog.pathOf(id);
        } catch {
          return null;
        }
      },
      models: () => preferredModels(catalog),
      threads: inference.threads,
      contextSize: inference.contextSize,
      idleUnloadMs: inference.idleUnloadMinutes * 60_000,
      remote: () => {
        const fallback = settings.get().fallback;
        if (!fallback.remoteBaseUrl || !fallback.remoteModel) return null;
        return {
          baseUrl: fallback.remoteBaseUrl,
          chatModel: fallback.remoteModel,
          apiKey: () => secrets.reveal('remote-endpoint-key'),
        };
      },
    });
    // Runtime before the supervisor in dispose order: it stops its worker itself.
    disposers.unshift(() => runtime.dispose());
    runtime.onStatus((status) => events.emit('runtime.changed', toContractStatus(status)));

    const storage = new StorageServices({
      supervisor,
      secrets,
      logger,
      paths,
      settings: settings.get().storage,
      node: platform.node,
      sidecars: platform.sidecars,
      autoStart: platform.startSidecars ?? true,
    });
    disposers.unshift(() => storage.dispose());

    // Parsers read hostile files: in worker threads they can be timed out, memory-capped and killed.
    const parsers = platform.parseWorker
      ? new ParserPool({
          entry: platform.parseWorker.entry,
          execArgv: platform.parseWorker.execArgv ?? [],
          logger: logger.child({ component: 'parsers' }),
        })
      : null;
    if (parsers) disposers.unshift(() => parsers.dispose());
    const documents = Catalog.open({ dataDir: paths.root });
    disposers.push(() => documents.dispose());
    const blocker = (): string | null =>
      preferredModels(catalog).embedding.length === 0
        ? 'Hearth needs an embedding model to index documents. Download or import one on the Models screen.'
        : null;
    const library = new Library({
      catalog: documents,
      storage,
      embed: (texts, signal) => embedForLibrary(texts, signal),
      parse: parsers ? parsers.parse : parseFile,
      staging,
      incomingDir: paths.incoming,
      maxBytes: () => settings.get().library.maxFileSizeMB * 1024 * 1024,
      embeddingVersion: LIBRARY_EMBEDDING_VERSION,
      blocker,
      onProgress: (event) => events.emit('library.progress', event),
      onChanged: (change) => events.emit('library.changed', change),
      logger: logger.child({ component: 'library' }),
    });
    // Before storage and the runtime in dispose order: running jobs stop first and stay resumable.
    disposers.unshift(() => library.dispose());
    const resumeLibrary = (): void => {
      if (blocker()) return;
      library.resume().catch((error: unknown) => logger.error({ err: error }, 'resuming ingestion failed'));
    };
    void storage.ready.then(resumeLibrary);

    const embedForLibrary = async (texts: string[], signal: AbortSignal, modelId?: string) => {
      const result = await runtime.embed(texts, { signal, ...(modelId ? { modelId } : {}) });
      return { vectors: result.vectors, model: result.model.modelId ?? result.model.name };
    };
    const retriever = new HybridRetriever({
      catalog: documents,
      embed: embedForLibrary,
      index: (key) => library.indexFor(key),
      embeddingVersion: LIBRARY_EMBEDDING_VERSION,
      activeIndex: () => documents.indexes.active(),
      logger: logger.child({ component: 'retrieval' }),
    });
    const living = new LivingLibrary({
      catalog: documents,
      library,
      objects: () => storage.requireObjects(),
      embed: embedForLibrary,
      parse: parsers ? parsers.parse : parseFile,
      maxBytes: () => settings.get().library.maxFileSizeMB * 1024 * 1024,
      embeddingVersion: LIBRARY_EMBEDDING_VERSION,
      defaultModel: () => preferredModels(catalog).embedding[0] ?? null,
      blocker,
      tempDir: join(paths.root, 'revisions'),
      ...(platform.library ? { timing: platform.library } : {}),
      onChanged: (change) => events.emit('library.changed', change),
      onFolders: (folders) => events.emit('library.watch.changed', { folders }),
      onReembed: (progress) => events.emit('library.reembed.progress', progress),
      logger: logger.child({ component: 'living-library' }),
    });
    // Before the library in dispose order: watchers stop before it cancels its jobs.
    disposers.unshift(() => living.dispose());
    events.on('library.changed', (change) => living.onLibraryChanged(change));
    void living.start(storage.ready);
    const tools = new AgentTools({ retriever, catalog: documents, audit });
    const onConversationChanged = (change: { id: string; deleted: boolean }): void =>
      events.emit('conversations.changed', change);
    const answers = new AnswerService({
      catalog: documents,
      tools,
      model: new HearthChatModel({ runtime }),
      settings: () => {
        const current = settings.get();
        return { ...current.answers, contextSize: current.inference.contextSize };
      },
      onChanged: onConversationChanged,
      logger: logger.child({ component: 'answers' }),
    });

    const dispatcher = new Dispatcher(
      {
        ...createHandlers({
          info: () => ({
            name: 'Hearth',
            version: platform.appVersion,
            mode: platform.mode,
            platform: process.platform,
            arch: process.arch,
            nodeVersion: process.versions.node,
            dataDir: paths.root,
            startedAt,
            keychain: { backend: secrets.kind, warning: secrets.warning },
          }),
          settings,
          secrets,
          supervisor,
          audit,
          staging,
          diagnostics,
        }),
        ...modelHandlers({
          catalog,
          staging,
          onChange: () => {
            resumeLibrary();
            living.onModelsChanged();
          },
        }),
        ...libraryHandlers({ library, catalog: documents, blocker }),
        ...livingLibraryHandlers({
          living,
          catalog: documents,
          storage: () =>
            libraryStorageUsage({
              catalog: documents,
              index: (key) => library.indexFor(key),
              vectorsDir: settings.get().storage.vectorBackend === 'pgvector' ? null : paths.chroma,
              modelsDir: paths.models,
              modelCount: () => catalog.list().length,
            }),
        }),
        ...answerHandlers({ answers, catalog: documents, onChanged: onConversationChanged }),
        ...runtimeHandlers(runtime),
        'storage.status': () => storage.status(),
      },
      logger,
    );
    ref.dispatcher = dispatcher;
    const sessions = new Set<RpcSession>();
    disposers.unshift(() => {
      for (const session of sessions) session.dispose();
    });

    if (secrets.warning) {
      // Late subscribers (a browser that connects later) read it from app.info; this is for the log.
      logger.warn(secrets.warning);
    }
    logger.info({ mode: platform.mode, dataDir: paths.root, version: platform.appVersion }, 'core started');

    let disposed = false;
    const core: Core = {
      paths,
      logger,
      events,
      dispatcher,
      settings,
      secrets,
      supervisor,
      audit,
      staging,
      diagnostics,
      catalog,
      runtime,
      storage,
      library,
      living,
      documents,
      answers,
      retriever,
      tools,
      createSession(origin, send, options) {
        const session = new RpcSession({ dispatcher, events, logger, send, origin, ...options });
        sessions.add(session);
        const dispose = session.dispose.bind(session);
        session.dispose = () => {
          sessions.delete(session);
          dispose();
        };
        return session;
      },
      async dispose() {
        if (disposed) return;
        disposed = true;
        for (const dispose of disposers) await dispose();
        logger.info('core stopped');
        await flushLogger(logger);
      },
    };
    return core;
  } catch (error) {
    for (const dispose of disposers) await Promise.resolve(dispose()).catch(() => undefined);
    logger.error({ err: error }, 'core failed to start');
    await flushLogger(logger);
    throw error;
  }
}

/** Chat and embedding models in order of preference: the default first, then the others. */
function preferredModels(catalog: ModelCatalog): { chat: string[]; embedding: string[] } {
  const defaults = catalog.defaults();
  const models = catalog.list();
  const ordered = (first: string | null, pool: string[]) => [
    ...(first ? [first] : []),
    ...pool.filter((id) => id !== first),
  ];
  return {
    chat: ordered(
      defaults.chat,
      models.filter((m) => !m.isEmbeddingModel).map((m) => m.id),
    ),
    embedding: ordered(
      defaults.embedding,
      models.filter((m) => m.isEmbeddingModel).map((m) => m.id),
    ),
  };
}
