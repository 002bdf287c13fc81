import { z } from 'zod';

/** Bumped when the stored shape changes; the core migrates older files forward at start. */
export const SETTINGS_VERSION = 1;

const AppearanceSchema = z.strictObject({
  /** Follow the OS, or force a theme. */
  theme: z.enum(['system', 'light', 'dark']),
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
});

const ServerSchema = z.strictObject({
  /** Address the headless shell binds to; loopback unless the user opts in. */
  host: z.union([z.ipv4(), z.ipv6()]),
  /** 0 picks a free port. */
  port: z.int().min(0).max(65535),
});

const PrivacySchema = z.strictObject({
  /** OpenTelemetry: off, or kept locally under telemetry/. Never sent anywhere by default. */
  telemetry: z.enum(['off', 'local']),
});

export const SettingsSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  appearance: AppearanceSchema,
  inference: InferenceSchema,
  library: LibrarySchema,
  server: ServerSchema,
  privacy: PrivacySchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  appearance: { theme: 'system' },
  inference: { threads: 2, contextSize: 4096, idleUnloadMinutes: 10 },
  library: { maxFileSizeMB: 512 },
  server: { host: '127.0.0.1', port: 0 },
  privacy: { telemetry: 'off' },
};

/** A partial update: any subset of fields of any section; unknown keys are rejected. */
export const SettingsPatchSchema = z.strictObject({
  appearance: AppearanceSchema.partial().optional(),
  inference: InferenceSchema.partial().optional(),
  library: LibrarySchema.partial().optional(),
  server: ServerSchema.partial().optional(),
  privacy: PrivacySchema.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
