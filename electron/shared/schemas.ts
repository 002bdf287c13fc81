import { z } from 'zod';

export const Empty = z.strictObject({});

/** Secret names: lowercase identifiers, so they are safe as keychain account names and in logs. */
export const SecretNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Use 1–64 lowercase letters, digits, dot, dash or underscore.');

/**
 * Keychain entries Hearth keeps for itself (the object store's root credentials): clients can neither list, check,
 * set nor delete them. Names under `hearth.` are reserved for more of the same.
 */
const INTERNAL_SECRET_NAMES: readonly string[] = ['objects-root-user', 'objects-root-password'];

/** Whether Hearth keeps this entry for itself (see INTERNAL_SECRET_NAMES). */
export function isInternalSecretName(name: string): boolean {
  return INTERNAL_SECRET_NAMES.includes(name) || name.startsWith('hearth.');
}

/** A secret name a client may use: any valid name except Hearth's own. */
export const ClientSecretNameSchema = SecretNameSchema.refine(
  (name) => !isInternalSecretName(name),
  'This name is kept by Hearth for itself; choose another.',
);

const KeychainInfoSchema = z.object({
  /** Where secrets live: the OS keychain, or (only when none exists) a 0600 file. */
  backend: z.enum(['keychain', 'file']),
  /** Set when Hearth fell back to the file store; the UI shows it prominently. */
  warning: z.string().nullable(),
});

export const SecretListSchema = KeychainInfoSchema.extend({
  names: z.array(ClientSecretNameSchema),
});

export const ChildStateSchema = z.enum([
  'starting',
  'running',
  'unhealthy',
  'backoff',
  'stopping',
  'stopped',
  'failed',
]);
export type ChildState = z.infer<typeof ChildStateSchema>;

export const ChildStatusSchema = z.object({
  name: z.string(),
  state: ChildStateSchema,
  pid: z.int().nullable(),
  restarts: z.int(),
  lastExit: z.object({ code: z.int().nullable(), signal: z.string().nullable(), at: z.number() }).nullable(),
  lastError: z.string().nullable(),
  nextRestartAt: z.number().nullable(),
});
export type ChildStatus = z.infer<typeof ChildStatusSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['desktop', 'headless']),
  platform: z.string(),
  arch: z.string(),
  nodeVersion: z.string(),
  dataDir: z.string(),
  startedAt: z.number(),
  keychain: KeychainInfoSchema,
  /** This client may name files and folders on Hearth's computer (the desktop app, or a browser on it). */
  localPaths: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const DiagnosticsSnapshotSchema = z.object({
  at: z.number(),
  uptimeMs: z.number(),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  eventLoopDelayMs: z.number(),
  activeStreams: z.int(),
  children: z.array(ChildStatusSchema),
});
export type DiagnosticsSnapshot = z.infer<typeof DiagnosticsSnapshotSchema>;

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.int(),
  problem: z.object({ line: z.int(), reason: z.string() }).nullable(),
});
export type AuditVerify = z.infer<typeof AuditVerifySchema>;

export const StagingHandleSchema = z.string().regex(/^stg_[a-f0-9-]{36}$/, 'Not a staging handle.');

export const StagedFileSchema = z.object({
  handle: StagingHandleSchema,
  name: z.string(),
  size: z.int(),
  sha256: z.string(),
  createdAt: z.number(),
});
export type StagedFile = z.infer<typeof StagedFileSchema>;

export const NoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;
