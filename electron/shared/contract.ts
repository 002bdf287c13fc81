import { z } from 'zod';
import { event, mutation, query, stream } from './contractTypes';
import {
  AppInfoSchema,
  AuditVerifySchema,
  ChildStatusSchema,
  DiagnosticsSnapshotSchema,
  Empty,
  NoticeSchema,
  ClientSecretNameSchema,
  SecretListSchema,
  StagedFileSchema,
  StagingHandleSchema,
} from './schemas';
import {
  ChatCompleteResultSchema,
  ChatCompleteSchema,
  ChatEventSchema,
  ChatResultSchema,
  ChatSendSchema,
  DownloadProgressSchema,
  EmbedInputSchema,
  EmbedOutputSchema,
  ModelDefaultsSchema,
  ModelIdSchema,
  ModelInfoSchema,
  ModelListSchema,
  ModelSourceSchema,
  RuntimeStatusSchema,
} from './runtimeSchemas';
import { patchKeys, SettingsPatchSchema, SettingsSchema, touchesProtectedSettings } from './settings';
import { StorageStatusSchema } from './storageSchemas';
import {
  BackupConfigSchema,
  BackupConfigureSchema,
  BackupListSchema,
  BackupProgressSchema,
  BackupRestoreInputSchema,
  BackupRestoreResultSchema,
  BackupSummarySchema,
  BackupVerifyInputSchema,
  BackupVerifyResultSchema,
} from './backupSchemas';
import {
  AskEventSchema,
  AskInputSchema,
  AskResultSchema,
  ConversationCreateSchema,
  ConversationIdSchema,
  ConversationListInputSchema,
  ConversationSchema,
  ConversationUpdateSchema,
  MessageSchema,
  PassageSchema,
} from './answerSchemas';
import {
  BatchResultSchema,
  CollectionNameSchema,
  DocumentIdSchema,
  FileResultSchema,
  IngestInputSchema,
  IngestProgressSchema,
  JobIdSchema,
  LibraryChangedSchema,
  LibraryDocumentDetailSchema,
  LibraryListInputSchema,
  LibraryDocumentsInputSchema,
  LibraryDocumentsSchema,
  LibraryListSchema,
} from './librarySchemas';
import {
  CollectionDeleteSchema,
  CollectionRenameSchema,
  CollectionSchema,
  DocumentVersionSchema,
  LibraryEraseSchema,
  LibraryMoveSchema,
  LibraryStorageSchema,
  MovedSchema,
  ReembedEstimateInputSchema,
  ReembedEstimateSchema,
  ReembedInputSchema,
  ReembedProgressSchema,
  ReembedStateSchema,
  WatchAddSchema,
  WatchedFolderIdSchema,
  WatchedFolderSchema,
  WatchRemoveSchema,
} from './livingLibrarySchemas';
import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyIdSchema,
  ApiKeyInfoSchema,
  ApiKeyRotateSchema,
  GatewayInfoSchema,
} from './gatewaySchemas';
import { PartNameSchema, PartStatusSchema } from './partSchemas';
import { SearchInputSchema, SearchResultSchema } from './searchSchemas';
import {
  CodeDefinitionInputSchema,
  CodeDefinitionSchema,
  CodeOutlineInputSchema,
  CodeOutlineSchema,
} from './codeSchemas';
import { DiagnosticsBundleSchema, TelemetryRecentSchema } from './telemetrySchemas';

/**
 * Every call between a client (renderer, browser) and the core. Both transports and `window.hearth`
 * are derived from this object; adding a capability means adding an entry here and a core handler.
 * Channel names are `namespace.method`.
 */
export const contract = {
  'app.info': query(Empty, AppInfoSchema),

  'diagnostics.ping': query(
    z.strictObject({ echo: z.string().max(256) }),
    z.object({ echo: z.string(), at: z.number() }),
  ),
  /** Live core health: memory, event-loop delay and children, every `intervalMs` until cancelled. */
  'diagnostics.watch': stream(
    z.strictObject({ intervalMs: z.int().min(100).max(60_000) }),
    DiagnosticsSnapshotSchema,
    z.object({ snapshots: z.int() }),
  ),
  /** What the in-memory telemetry holds now (answers' speed, ingested files, spans, sidecars): Diagnostics plots it. */
  'telemetry.recent': query(Empty, TelemetryRecentSchema),
  /** Versions, settings without credentials, recent telemetry and the end of the log, for a support request. */
  'diagnostics.bundle': query(Empty, DiagnosticsBundleSchema, { access: 'local' }),
  /** Transport self-test: the core sends `count` items as fast as the connection takes them. */
  'diagnostics.loopback': stream(
    z.strictObject({ count: z.int().min(1).max(1_000_000), payloadBytes: z.int().min(0).max(65_536) }),
    z.object({ seq: z.int(), payload: z.string() }),
    z.object({ sent: z.int() }),
  ),

  'settings.get': query(Empty, SettingsSchema),
  /** Endpoints, storage and the bind address change only from this computer; the rest from any signed-in caller. */
  'settings.update': mutation(SettingsPatchSchema, SettingsSchema, {
    access: { localWhen: touchesProtectedSettings },
    audit: { data: (patch) => ({ keys: patchKeys(patch) }) },
  }),
  /** Resets endpoints and storage too, so only from this computer. */
  'settings.reset': mutation(Empty, SettingsSchema, { access: 'local', audit: { data: () => ({}) } }),

  /**
   * Secrets are write-only across the contract: values go in, only names and presence come out; changing them is
   * for this computer only. Hearth's own entries are out of reach (ClientSecretNameSchema).
   */
  'secrets.list': query(Empty, SecretListSchema),
  'secrets.has': query(
    z.strictObject({ name: ClientSecretNameSchema }),
    z.object({ name: ClientSecretNameSchema, exists: z.boolean() }),
  ),
  'secrets.set': mutation(
    z.strictObject({ name: ClientSecretNameSchema, value: z.string().min(1).max(8192) }),
    z.object({ name: ClientSecretNameSchema, exists: z.literal(true) }),
    { access: 'local', audit: { data: ({ name }) => ({ name }) } },
  ),
  'secrets.delete': mutation(
    z.strictObject({ name: ClientSecretNameSchema }),
    z.object({ name: ClientSecretNameSchema, deleted: z.boolean() }),
    { access: 'local', audit: { data: ({ name }, { deleted }) => ({ name, deleted }) } },
  ),

  'supervisor.list': query(Empty, z.array(ChildStatusSchema)),
  /** Services that start in the background (the living library): running, or failing and retried with backoff. */
  'core.parts': query(Empty, z.array(PartStatusSchema)),
  /** Retries a failed background start now. */
  'core.parts.retry': mutation(z.strictObject({ name: PartNameSchema }), PartStatusSchema),
  'audit.verify': query(Empty, AuditVerifySchema),

  /** Files uploaded through the headless shell's upload route, referenced by handle. */
  'staging.stat': query(z.strictObject({ handle: StagingHandleSchema }), StagedFileSchema),
  'staging.discard': mutation(z.strictObject({ handle: StagingHandleSchema }), z.object({ discarded: z.boolean() })),

  /**
   * Signs every browser out of the headless shell: their cookies stop working and their connections close (the
   * caller's too, if it is one). From this computer only; `signedOut` counts the sessions that ended.
   */
  'sessions.signOutAll': mutation(Empty, z.object({ signedOut: z.int().min(0) }), {
    access: 'local',
    audit: { data: (_input, { signedOut }) => ({ signedOut }) },
  }),

  /**
   * Gateway API keys for other apps (OpenAI-compatible /v1, MCP): managed from this computer only, every call
   * audited. The raw key leaves the core once, in the answer to create or rotate.
   */
  'gateway.info': query(Empty, GatewayInfoSchema, { access: 'local' }),
  'gateway.keys.list': query(Empty, z.object({ keys: z.array(ApiKeyInfoSchema) }), {
    access: 'local',
    audit: { data: (_input, { keys }) => ({ count: keys.length }) },
  }),
  'gateway.keys.create': mutation(ApiKeyCreateSchema, ApiKeyCreatedSchema, {
    access: 'local',
    audit: { data: (_input, { key }) => ({ id: key.id, name: key.name, scopes: key.scopes }) },
  }),
  'gateway.keys.revoke': mutation(z.strictObject({ id: ApiKeyIdSchema }), ApiKeyInfoSchema, {
    access: 'local',
    audit: { data: ({ id }) => ({ id }) },
  }),
  /** A new key with the same name and scopes; the old one works until `previous.expiresAt` (24 h by default). */
  'gateway.keys.rotate': mutation(ApiKeyRotateSchema, ApiKeyCreatedSchema.extend({ previous: ApiKeyInfoSchema }), {
    access: 'local',
    audit: { data: ({ id }, { key, previous }) => ({ id, newId: key.id, expiresAt: previous.expiresAt }) },
  }),

  /** Local models: list (with first-run suggestions), import a file, download, delete, choose defaults. */
  'models.list': query(Empty, ModelListSchema),
  'models.import': mutation(
    z.union([
      z.strictObject({ path: z.string().min(1).max(4096), displayName: z.string().max(200).optional() }),
      z.strictObject({ handle: StagingHandleSchema, displayName: z.string().max(200).optional() }),
    ]),
    ModelInfoSchema,
  ),
  /** Resumes a partial download of the same source; cancel keeps the partial file for later. */
  'models.download': stream(
    z.strictObject({
      source: ModelSourceSchema,
      sha256: z
        .string()
        .regex(/^[a-f0-9]{64}$/)
        .optional(),
      displayName: z.string().max(200).optional(),
    }),
    DownloadProgressSchema,
    ModelInfoSchema,
  ),
  'models.delete': mutation(z.strictObject({ id: ModelIdSchema }), z.object({ deleted: z.boolean() }), {
    access: 'local',
    audit: { data: ({ id }) => ({ id }) },
  }),
  'models.setDefault': mutation(
    z.strictObject({ role: z.enum(['chat', 'embedding']), id: ModelIdSchema }),
    ModelDefaultsSchema,
  ),

  'runtime.status': query(Empty, RuntimeStatusSchema),
  'runtime.unload': mutation(Empty, RuntimeStatusSchema),

  /** A chat turn streamed as token deltas; the first event names the model that answers. */
  'chat.send': stream(ChatSendSchema, ChatEventSchema, ChatResultSchema),
  /** A stateless completion of a whole conversation (the OpenAI gateway); nothing of it is kept. */
  'chat.complete': stream(ChatCompleteSchema, ChatEventSchema, ChatCompleteResultSchema),
  /** Embeddings of texts (the OpenAI gateway); read-only. */
  'runtime.embed': query(EmbedInputSchema, EmbedOutputSchema),
  'chat.reset': mutation(
    z.strictObject({ sessionId: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
    z.object({ reset: z.boolean() }),
  ),

  /** Where originals and vectors live, and how much disk each data folder uses. */
  'storage.status': query(Empty, StorageStatusSchema),

  /**
   * Files and folders into the library. The stream follows the batch; cancelling the stream only stops following
   * (ingestion goes on in the core): `library.cancel` stops work.
   */
  'library.ingest': stream(IngestInputSchema, IngestProgressSchema, BatchResultSchema),
  /** One page of documents (keyset cursor), sorted and filtered in the core, with counts. */
  'library.list': query(LibraryListInputSchema, LibraryListSchema),
  /** Changed documents again by id, for patching a list already shown (after `library.changed`). */
  'library.documents': query(LibraryDocumentsInputSchema, LibraryDocumentsSchema),
  'library.get': query(z.strictObject({ id: DocumentIdSchema }), LibraryDocumentDetailSchema),
  /** Removes the document's original, vectors, keyword rows and catalogue rows together. */
  'library.delete': mutation(z.strictObject({ id: DocumentIdSchema }), z.object({ deleted: z.literal(true) })),
  /** Runs a failed or cancelled file again from the start, streaming its progress. */
  'library.retry': stream(z.strictObject({ jobId: JobIdSchema }), IngestProgressSchema, FileResultSchema),
  /** Cancels one file, one batch, or (with neither) everything in progress. */
  'library.cancel': mutation(
    z.strictObject({ jobId: JobIdSchema.optional(), batchId: JobIdSchema.optional() }),
    z.object({ cancelled: z.int() }),
  ),
  /** Forgets a failed or cancelled job (and its failed document) without retrying it. */
  'library.dismiss': mutation(z.strictObject({ jobId: JobIdSchema }), z.object({ dismissed: z.boolean() })),

  /** Collections with their document counts and sizes. */
  'library.collections.list': query(Empty, z.object({ collections: z.array(CollectionSchema) })),
  'library.collections.create': mutation(z.strictObject({ name: CollectionNameSchema }), CollectionSchema),
  /** Renames a collection with its documents, folders and conversations; answers once vectors carry the name. */
  'library.collections.rename': mutation(CollectionRenameSchema, MovedSchema),
  'library.collections.delete': mutation(CollectionDeleteSchema, z.object({ documents: z.int() })),
  /** Puts documents into a collection (a new name creates it), or out of any with null. */
  'library.move': mutation(LibraryMoveSchema, MovedSchema),
  /** A document's versions, newest first (a watched file edited or its object replaced adds one). */
  'library.versions': query(
    z.strictObject({ id: DocumentIdSchema }),
    z.object({ versions: z.array(DocumentVersionSchema) }),
  ),

  /** Folders the library follows: new files are ingested, edits become new versions, deleted files go. */
  'library.watch.list': query(Empty, z.object({ folders: z.array(WatchedFolderSchema) })),
  /** Desktop only: a browser cannot name folders on the server (PERMISSION_DENIED). */
  'library.watch.add': mutation(WatchAddSchema, WatchedFolderSchema),
  'library.watch.remove': mutation(WatchRemoveSchema, z.object({ removed: z.boolean() })),
  'library.watch.pause': mutation(z.strictObject({ id: WatchedFolderIdSchema }), WatchedFolderSchema),
  /** Watches again, scanning first for what changed while paused. */
  'library.watch.resume': mutation(z.strictObject({ id: WatchedFolderIdSchema }), WatchedFolderSchema),

  /** Whether search uses the default embedding model's index, or a re-embed is due. */
  'library.reembed.status': query(Empty, ReembedStateSchema),
  /**
   * Re-embeds every document into the default model's index, then switches search to it; search uses the old index
   * until then. Runs on in the core when the caller stops following, and resumes after a restart.
   */
  'library.reembed': stream(ReembedInputSchema, ReembedProgressSchema, ReembedStateSchema),
  'library.reembed.cancel': mutation(Empty, z.object({ cancelled: z.boolean() })),
  /** How long re-embedding with an embedding model would take here (asked before that model becomes the default). */
  'library.reembed.estimate': query(ReembedEstimateInputSchema, ReembedEstimateSchema),

  /** What the library takes on disk: originals, vectors (per index), models, catalogue; per collection. */
  'library.storage': query(Empty, LibraryStorageSchema),
  /** Erases one collection, or (without one) all library data: originals, vectors, keyword rows, catalogue. */
  'library.erase': mutation(LibraryEraseSchema, z.object({ documents: z.int() })),

  /** Backups of the whole library: where they go, how many are kept (no secret ever comes back). */
  'backup.config': query(Empty, BackupConfigSchema),
  /** Destination, S3 secret key and backup key: they decide where the library goes, so only from this computer. */
  'backup.configure': mutation(BackupConfigureSchema, BackupConfigSchema, {
    access: 'local',
    audit: {
      data: (input) => ({
        keys: Object.keys(input).filter((k) => k !== 'secretKey' && k !== 'backupKey'),
        kind: input.destination?.kind ?? null,
        secretKey: input.secretKey !== undefined,
        backupKey: input.backupKey !== undefined,
      }),
    },
  }),
  /** Backups at the destination with date, size and contents, newest first. */
  'backup.list': query(Empty, BackupListSchema),
  /** Backs up now (only what changed is sent), with progress; cancelling the stream cancels the backup. */
  'backup.run': stream(Empty, BackupProgressSchema, BackupSummarySchema, { access: 'local' }),
  /** Reads and checks every piece of a backup without restoring it (dry run). */
  'backup.verify': stream(BackupVerifyInputSchema, BackupProgressSchema, BackupVerifyResultSchema, { access: 'local' }),
  /** Restores a backup into this empty library after checking all of it; a bad backup or key changes nothing. */
  'backup.restore': stream(BackupRestoreInputSchema, BackupProgressSchema, BackupRestoreResultSchema, {
    access: 'local',
  }),
  'backup.cancel': mutation(Empty, z.object({ cancelled: z.boolean() }), { access: 'local' }),

  /** A passage by chunk id, for the citation viewer. */
  'library.passage': query(z.strictObject({ chunkId: z.string().min(1).max(200) }), PassageSchema),
  /** Passages matching words or meaning, with the matched words marked and grouped by document; read-only. */
  'library.search': query(SearchInputSchema, SearchResultSchema),
  /** A code document's outline from the code index (empty for documents it does not read); read-only. */
  'code.outline': query(CodeOutlineInputSchema, CodeOutlineSchema),
  /** Where the name at a line and column of a code document is defined; read-only. */
  'code.definition': query(CodeDefinitionInputSchema, CodeDefinitionSchema),

  /** A grounded answer: retrieve → grade → (rewrite once) → answer with numbered sources, streamed. */
  'chat.ask': stream(AskInputSchema, AskEventSchema, AskResultSchema),
  'conversations.list': query(ConversationListInputSchema, z.object({ conversations: z.array(ConversationSchema) })),
  'conversations.get': query(
    z.strictObject({ id: ConversationIdSchema }),
    z.object({ conversation: ConversationSchema, messages: z.array(MessageSchema) }),
  ),
  'conversations.create': mutation(ConversationCreateSchema, ConversationSchema),
  'conversations.update': mutation(ConversationUpdateSchema, ConversationSchema),
  'conversations.delete': mutation(
    z.strictObject({ id: ConversationIdSchema }),
    z.object({ deleted: z.literal(true) }),
  ),
  /** The conversation as Markdown, with its sources, for saving to a file. */
  'conversations.export': query(
    z.strictObject({ id: ConversationIdSchema }),
    z.object({ fileName: z.string(), markdown: z.string() }),
  ),

  'settings.changed': event(SettingsSchema),
  'runtime.changed': event(RuntimeStatusSchema),
  /** The whole model list after every import, download, delete or default change, so every client stays current. */
  'models.changed': event(ModelListSchema),
  'secrets.changed': event(z.object({ names: z.array(ClientSecretNameSchema) })),
  'supervisor.status': event(ChildStatusSchema),
  'core.notice': event(NoticeSchema),
  'core.parts.changed': event(PartStatusSchema),
  'library.changed': event(LibraryChangedSchema),
  'conversations.changed': event(z.object({ id: ConversationIdSchema, deleted: z.boolean() })),
  /** Every ingestion progress event, for every client (the `library.ingest` stream only reaches its caller). */
  'library.progress': event(IngestProgressSchema),
  /** Watched folders and their states, whenever one changes. */
  'library.watch.changed': event(z.object({ folders: z.array(WatchedFolderSchema) })),
  /** Every re-embed progress event, for every client. */
  'library.reembed.progress': event(ReembedProgressSchema),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
