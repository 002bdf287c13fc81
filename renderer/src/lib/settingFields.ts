import type { z } from 'zod';
import { SettingsSchema } from '../../../electron/shared/settings';

const { inference, library, server } = SettingsSchema.shape;

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
  port: limits(server.shape.port),
} as const;

export const HOST_SCHEMA = server.shape.host;

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
