import { z } from 'zod';
import { OcrLanguagesSchema } from './ocrLanguages';

/** Bumped when the stored shape changes; the core migrates older files forward at start. */
export const SETTINGS_VERSION = 3;

const AppearanceSchema = z.strictObject({
  /** Follow the OS, or force a theme. */
  theme: z.enum(['system', 'light', 'dark']),
  /** What sends a chat message: Enter (Shift+Enter adds a line), or ⌘/Ctrl+Enter (Enter adds a line). */
  sendWith: z.enum(['enter', 'mod-enter']),
});

const InferenceSchema = z.strictObject({
  /** CPU threads for llama.cpp; a fixed number keeps speed predictable. */
  threads: z.int().min(1).max(64),
  /** Context window in tokens (fixed, not "auto"). */
  contextSize: z.int().min(512).max(131072),
  /** Unload an idle model after this many minutes; 0 keeps it loaded. */
  idleUnloadMinutes: z.int().min(0).max(1440),
});

const LibrarySchema = z.strictObject({
  /** Files above this size are refused with FILE_TOO_LARGE. */
  maxFileSizeMB: z.int().min(1).max(10240),
  /** Languages text recognition (OCR) reads in scans and images; only the shipped ones are accepted. */
  ocrLanguages: OcrLanguagesSchema,
});

const AnswersSchema = z.strictObject({
  /** Refuse to answer from the model's own knowledge when no passage supports the question. */
  onlyFromDocuments: z.boolean(),
  /** Passages put in front of the model for each question. */
  sources: z.int().min(1).max(20),
  /** Longest answer, in tokens (the quick prompt uses half). */
  maxTokens: z.int().min(16).max(8192),
  /** Reorder found passages with the installed reranker (when there is one). */
  rerank: z.boolean(),
});

const ServerSchema = z.strictObject({
  /** Address the headless shell binds to; loopback unless the user opts in. */
  host: z.union([z.ipv4(), z.ipv6()]),
  /** 0 picks a free port. */
  port: z.int().min(0).max(65535),
});

const UrlOrEmpty = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]);

const PrivacySchema = z.strictObject({
  /**
   * OpenTelemetry: recent traces and metrics always stay in memory for Diagnostics; 'local' also keeps spans in the
   * data folder (telemetry/spans.jsonl). Never sent anywhere by default.
   */
  telemetry: z.enum(['off', 'local']),
  /** An OTLP/HTTP collector to export traces and metrics to ('' = none, the default); set from this computer only. */
  otlpEndpoint: UrlOrEmpty,
});

const FallbackSchema = z.strictObject({
  /** An OpenAI-compatible endpoint used when no local model can answer; '' disables it. */
  remoteBaseUrl: UrlOrEmpty,
  /** Model name to request from that endpoint. */
  remoteModel: z.string().max(200),
  /** That model's context in tokens, as the server runs it: answers fit their prompt to it. */
  remoteContextSize: z.int().min(512).max(1_048_576),
});

/**
 * Query keys a PostgreSQL address may carry. Anything else is refused: `sslcert`, `sslkey`, `sslrootcert`, `sslcrl`,
 * `passfile` and `service` make the client read files by path (their errors would report on this disk to whoever set
 * the address), and `host`/`port` would send the keychain password somewhere other than the address shows.
 */
const POSTGRES_QUERY_KEYS: readonly string[] = ['sslmode', 'ssl', 'connect_timeout', 'application_name'];

/** Why a PostgreSQL address cannot be used, in words; null when it can. Parses only: reads no file. */
export function postgresUrlProblem(text: string): string | null {
  const query = text.indexOf('?');
  if (query < 0) return null;
  const refused = [...new URLSearchParams(text.slice(query + 1)).keys()].filter(
    (key) => !POSTGRES_QUERY_KEYS.includes(key),
  );
  if (refused.length === 0) return null;
  return (
    `The PostgreSQL address may not set ${[...new Set(refused)].map((k) => `"${k.slice(0, 40)}"`).join(', ')}; ` +
    `allowed options are ${POSTGRES_QUERY_KEYS.join(', ')}.`
  );
}

const StorageSchema = z.strictObject({
  /** Where vectors live: the embedded Chroma server, or PostgreSQL with pgvector. */
  vectorBackend: z.enum(['chroma', 'pgvector']),
  /** postgres://user@host:port/db — the password is kept in the keychain (`postgres-password`). */
  postgresUrl: z.union([
    z.literal(''),
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^\s:@]+(@[^\s]+)?$/, 'Use postgres://user@host:port/database')
      .superRefine((text, issue) => {
        const problem = postgresUrlProblem(text);
        if (problem) issue.addIssue({ code: 'custom', message: problem });
      }),
  ]),
  /** Where originals live: the bundled MinIO sidecar, or an S3/MinIO endpoint of the user's. */
  objectBackend: z.enum(['bundled', 'external']),
  s3Endpoint: UrlOrEmpty,
  s3Region: z.string().max(64),
  s3Bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'Use 3–63 lowercase letters, digits, dots or dashes.'),
  /** The secret key is kept in the keychain (`s3-secret-key`). */
  s3AccessKeyId: z.string().max(128),
});

export const SettingsSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  appearance: AppearanceSchema,
  inference: InferenceSchema,
  library: LibrarySchema,
  answers: AnswersSchema,
  server: ServerSchema,
  privacy: PrivacySchema,
  fallback: FallbackSchema,
  storage: StorageSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  appearance: { theme: 'system', sendWith: 'enter' },
  inference: { threads: 2, contextSize: 4096, idleUnloadMinutes: 10 },
  library: { maxFileSizeMB: 512, ocrLanguages: ['eng'] },
  answers: { onlyFromDocuments: true, sources: 6, maxTokens: 768, rerank: true },
  server: { host: '127.0.0.1', port: 0 },
  privacy: { telemetry: 'off', otlpEndpoint: '' },
  fallback: { remoteBaseUrl: '', remoteModel: '', remoteContextSize: 4096 },
  storage: {
    vectorBackend: 'chroma',
    postgresUrl: '',
    objectBackend: 'bundled',
    s3Endpoint: '',
    s3Region: 'us-east-1',
    s3Bucket: 'hearth',
    s3AccessKeyId: '',
  },
};

/** A partial update: any subset of fields of any section; unknown keys are rejected. */
export const SettingsPatchSchema = z.strictObject({
  appearance: AppearanceSchema.partial().optional(),
  inference: InferenceSchema.partial().optional(),
  library: LibrarySchema.partial().optional(),
  answers: AnswersSchema.partial().optional(),
  server: ServerSchema.partial().optional(),
  privacy: PrivacySchema.partial().optional(),
  fallback: FallbackSchema.partial().optional(),
  storage: StorageSchema.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * Whether a patch changes where data and secrets go: the fallback endpoint, any storage setting, the server's
 * bind address, or the OTLP export. Only the desktop app or a browser on this computer may send such a patch
 * (contract: settings.update).
 */
export function touchesProtectedSettings(patch: SettingsPatch): boolean {
  const sections = Object.entries(patch).filter(([, values]) => values !== undefined && Object.keys(values).length);
  return (
    sections.some(([section]) => PROTECTED_SECTIONS.includes(section as keyof SettingsPatch)) ||
    patch.privacy?.otlpEndpoint !== undefined
  );
}

const PROTECTED_SECTIONS: readonly (keyof SettingsPatch)[] = ['fallback', 'storage', 'server'];

/** The dotted keys a patch sets (`fallback.remoteBaseUrl`), sorted, for the audit log; never the values. */
export function patchKeys(patch: SettingsPatch): string[] {
  return Object.entries(patch)
    .flatMap(([section, values]) =>
      values === undefined ? [] : Object.keys(values as object).map((key) => `${section}.${key}`),
    )
    .sort();
}
