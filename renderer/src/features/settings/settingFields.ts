import type { z } from 'zod';
import { SettingsSchema } from '@shared/settings';

const { inference, library, answers, server, privacy, fallback, storage } = SettingsSchema.shape;

export interface IntegerLimits {
  min: number;
  max: number;
  schema: z.ZodType<number>;
}

function limits(schema: { minValue: number | null; maxValue: number | null } & z.ZodType<number>): IntegerLimits {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, schema };
}

/** Bounds come from settings.ts, so the form and the core can never disagree. */
export const SETTING_LIMITS = {
  threads: limits(inference.shape.threads),
  contextSize: limits(inference.shape.contextSize),
  idleUnloadMinutes: limits(inference.shape.idleUnloadMinutes),
  maxFileSizeMB: limits(library.shape.maxFileSizeMB),
  sources: limits(answers.shape.sources),
  answerMaxTokens: limits(answers.shape.maxTokens),
  port: limits(server.shape.port),
  remoteContextSize: limits(fallback.shape.remoteContextSize),
} as const;

const HOST_SCHEMA = server.shape.host;

/** A message for the field, or null when the text is a whole number within bounds. */
export function validateInteger(text: string, { min, max, schema }: IntegerLimits): string | null {
  const trimmed = text.trim();
  const message = `Enter a whole number between ${String(min)} and ${String(max)}.`;
  if (!/^-?\d+$/.test(trimmed)) return message;
  return schema.safeParse(Number(trimmed)).success ? null : message;
}

/** A message for the field, or null when the text is an IPv4 or IPv6 address. */
export function validateHost(text: string): string | null {
  return HOST_SCHEMA.safeParse(text.trim()).success
    ? null
    : 'Enter an IP address, such as 127.0.0.1 (this computer only) or 0.0.0.0 (all networks).';
}

/** A message for the field from its schema in settings.ts (or `message` when given), or null when it parses. */
function validateWith(schema: z.ZodType, message?: string): (text: string) => string | null {
  return (text) => {
    const result = schema.safeParse(text.trim());
    if (result.success) return null;
    return message ?? result.error.issues[0]?.message ?? 'Not a valid value.';
  };
}

const URL_MESSAGE = 'Enter an http:// or https:// address, or leave it empty.';

/** Validators for the text settings of the fallback, storage and privacy sections. */
export const TEXT_SETTINGS = {
  remoteBaseUrl: validateWith(fallback.shape.remoteBaseUrl, URL_MESSAGE),
  remoteModel: validateWith(fallback.shape.remoteModel, 'Use at most 200 characters.'),
  postgresUrl: validateWith(
    storage.shape.postgresUrl,
    'Use postgres://user@host:port/database (no password: it goes in the field below), or leave it empty.',
  ),
  s3Endpoint: validateWith(storage.shape.s3Endpoint, URL_MESSAGE),
  s3Region: validateWith(storage.shape.s3Region, 'Use at most 64 characters.'),
  s3Bucket: validateWith(storage.shape.s3Bucket),
  s3AccessKeyId: validateWith(storage.shape.s3AccessKeyId, 'Use at most 128 characters.'),
  otlpEndpoint: validateWith(privacy.shape.otlpEndpoint, URL_MESSAGE),
} as const;
