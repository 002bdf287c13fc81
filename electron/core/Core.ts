import type { Logger } from 'pino';
import type { AnswerService } from './agents/AnswerService';
import type { HybridRetriever } from './agents/retrieval/HybridRetriever';
import type { LibrarySearch } from './agents/retrieval/LibrarySearch';
import type { AgentTools } from './agents/tools/AgentTools';
import type { AuditLog } from './audit/AuditLog';
import type { CodeService } from './lsp/CodeService';
import type { LspClient } from './lsp/LspClient';
import type { BackupService } from './backup/BackupService';
import type { ApiKeyStore } from './gateway/ApiKeyStore';
import type { GatewayShell } from './gateway/createGatewayPart';
import type { Diagnostics } from './diagnostics/Diagnostics';
import type { Telemetry } from './telemetry/Telemetry';
import type { Catalog } from './library/catalog/Catalog';
import type { DocumentRecord } from './library/catalog/catalogTypes';
import type { Library } from './library/Library';
import type { LivingLibrary } from './library/living/LivingLibrary';
import type { DataPaths } from './paths/resolveDataDir';
import type { CreateSession } from './rpc/createRpcPart';
import type { Dispatcher } from './rpc/Dispatcher';
import type { EventBus } from './rpc/EventBus';
import type { ModelCatalog } from './runtime/models/ModelCatalog';
import type { RuntimeService } from './runtime/RuntimeService';
import type { SecretsService } from './secrets/SecretsService';
import type { BrowserSignOut } from './sessions/BrowserSignOut';
import type { SettingsService } from './settings/SettingsService';
import type { StagingArea } from './staging/StagingArea';
import type { StorageServices } from './storage/StorageServices';
import type { Supervisor } from './supervisor/Supervisor';

/** What a shell needs of the library beyond the contract: OS drops, and originals for `hearth:` and the route. */
export interface ShellLibrary {
  /** Ingests files the OS handed to the app (Dock, Finder, the tray). */
  ingest: Library['ingest'];
  getDocument(id: string): DocumentRecord | undefined;
  openOriginal: Library['openOriginal'];
}

/** The running core as the shells see it. Everything else reaches them through the contract. */
export interface Core {
  readonly paths: DataPaths;
  readonly logger: Logger;
  /** Contract events (the tray follows ingestion progress; a cluster relay carries them between replicas). */
  readonly events: Pick<EventBus, 'on' | 'onAny' | 'onEmitted' | 'deliver'>;
  readonly settings: Pick<SettingsService, 'get'>;
  /** Bytes in: the upload route stores files here. */
  readonly staging: Pick<StagingArea, 'receive'>;
  readonly library: ShellLibrary;
  /** A client connection (IPC window or WebSocket); dispose it when the client goes away. */
  readonly createSession: CreateSession;
  /** Where a headless server registers how to sign its browsers out (`sessions.signOutAll`). */
  readonly signOut: Pick<BrowserSignOut, 'register'>;
  /** Gateway keys, audit and addresses for a shell that serves /v1 or /mcp (electron/server/gateway). */
  readonly gateway: GatewayShell;
  /** Stops every part, last built first; failures are logged with the part's name and never stop the others. */
  dispose(): Promise<void>;
}

/** Every service of the core, for tests and benchmarks that reach behind the contract. */
export interface CoreServices {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly settings: SettingsService;
  readonly audit: AuditLog;
  readonly secrets: SecretsService;
  readonly staging: StagingArea;
  readonly supervisor: Supervisor;
  readonly diagnostics: Diagnostics;
  readonly telemetry: Telemetry;
  /** Installed models (the model catalogue). */
  readonly modelCatalog: ModelCatalog;
  readonly runtime: RuntimeService;
  readonly storage: StorageServices;
  /** Documents, passages, jobs, conversations (the library catalogue). */
  readonly libraryCatalog: Catalog;
  readonly library: Library;
  /** Watched folders, bucket changes, re-embedding, collections. */
  readonly living: LivingLibrary;
  readonly retriever: HybridRetriever;
  /** Library search with the rerank stage: the search box, the agent's tool, the gateway endpoints. */
  readonly search: LibrarySearch;
  readonly tools: AgentTools;
  readonly answers: AnswerService;
  /** Code intelligence over the library's code documents, and the language server child's client. */
  readonly code: CodeService;
  readonly lspClient: LspClient;
  /** Gateway API keys made in the app. */
  readonly apiKeys: ApiKeyStore;
  /** Backup and restore of the whole library. */
  readonly backups: BackupService;
}
