import { z } from 'zod';

/** A service that starts in the background after the core is up (the living library, say). */
export const PartNameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

/**
 * How a background start is doing. `retrying`: the last attempt failed (`message` says why) and the next one is at
 * `nextRetryAt`; Diagnostics offers "Retry now".
 */
export const PartStatusSchema = z.object({
  name: PartNameSchema,
  /** What the person loses while it is down, e.g. "Folder watching and library sync". */
  label: z.string(),
  state: z.enum(['starting', 'running', 'retrying']),
  message: z.string().nullable(),
  /** Failed attempts since it last ran. */
  failures: z.int().min(0),
  nextRetryAt: z.number().nullable(),
  /** When it entered this state. */
  since: z.number(),
});
export type PartStatus = z.infer<typeof PartStatusSchema>;
