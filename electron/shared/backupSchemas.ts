import { z } from 'zod';

/** Where backups go: a folder on this computer (an external disk) or a bucket on an S3-compatible server. */
export const BackupDestinationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('folder'), path: z.string().min(1).max(4096) }),
  z.strictObject({
    kind: z.literal('s3'),
    endpoint: z.url({ protocol: /^https?$/ }).max(2048),
    region: z.string().min(1).max(64).default('us-east-1'),
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'Use 3–63 lowercase letters, digits, dots or dashes.'),
    accessKeyId: z.string().min(1).max(256),
  }),
]);
export type BackupDestination = z.infer<typeof BackupDestinationSchema>;

/** What a backup holds, readable without the key (it is authenticated by the key all the same). */
export const BackupSummarySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  appVersion: z.string(),
  /** Bytes of library data the backup stands for (before encryption and de-duplication). */
  totalBytes: z.number(),
  /** Bytes this backup added to the repository (new pieces only). */
  uploadedBytes: z.number(),
  counts: z.object({
    documents: z.int(),
    versions: z.int(),
    conversations: z.int(),
    originals: z.int(),
    indexes: z.int(),
    vectors: z.int(),
    models: z.int(),
  }),
});
export type BackupSummary = z.infer<typeof BackupSummarySchema>;

/** The configured destination (never its secret key or the backup key; only whether they are saved). */
export const BackupConfigSchema = z.object({
  destination: BackupDestinationSchema.nullable(),
  /** How many backups to keep; older ones are removed after a successful backup. */
  keep: z.int().min(1).max(1000),
  /** Back up on its own every this many hours while Hearth runs; 0: only on demand. */
  everyHours: z
    .int()
    .min(0)
    .max(24 * 30),
  hasSecretKey: z.boolean(),
  hasBackupKey: z.boolean(),
});
export type BackupConfig = z.infer<typeof BackupConfigSchema>;

export const BackupConfigureSchema = z.strictObject({
  destination: BackupDestinationSchema.nullable().optional(),
  keep: z.int().min(1).max(1000).optional(),
  everyHours: z
    .int()
    .min(0)
    .max(24 * 30)
    .optional(),
  /** The S3 secret access key, kept in the keychain for this endpoint only. */
  secretKey: z.string().min(1).max(1024).optional(),
  /** The passphrase backups are encrypted with, kept in the keychain; restore on another computer asks for it. */
  backupKey: z.string().min(12, 'Use at least 12 characters.').max(1024).optional(),
});

export const BackupProgressSchema = z.object({
  phase: z.enum(['snapshot', 'vectors', 'originals', 'upload', 'verify', 'download', 'apply', 'reembed', 'prune']),
  /** Bytes (or items, for re-embedding) done of `total` in this phase. */
  done: z.number(),
  total: z.number(),
  /** Bytes sent to the destination so far. */
  uploadedBytes: z.number(),
  message: z.string(),
});
export type BackupProgress = z.infer<typeof BackupProgressSchema>;

const BackupIdSchema = z.string().regex(/^[0-9A-Za-z-]{10,64}$/);

/** The key to open a backup with: given now (another computer's backup), else the one in the keychain. */
const KeyInput = { backupKey: z.string().min(1).max(1024).optional() };

export const BackupVerifyInputSchema = z.strictObject({ id: BackupIdSchema, ...KeyInput });
export const BackupRestoreInputSchema = z.strictObject({
  id: BackupIdSchema,
  ...KeyInput,
  /** The UI sets this after the user confirmed; a restore without it is refused. */
  confirm: z.literal(true),
});

export const BackupVerifyResultSchema = z.object({
  id: z.string(),
  ok: z.literal(true),
  pieces: z.int(),
  bytes: z.number(),
});

export const BackupRestoreResultSchema = z.object({
  id: z.string(),
  documents: z.int(),
  conversations: z.int(),
  vectors: z.int(),
  /** Documents whose vectors were written again (missing from the backup, or another embedding model). */
  reembedded: z.int(),
  /** Models the backup's library used that are not installed here (weights are not backed up). */
  missingModels: z.array(z.string()),
});
export type BackupRestoreResult = z.infer<typeof BackupRestoreResultSchema>;

export const BackupListSchema = z.object({
  /** Newest first. */
  backups: z.array(BackupSummarySchema),
  /** Why the list is empty or could not be read (no destination, unreachable, wrong key…); null when fine. */
  note: z.string().nullable(),
});
