import { z } from 'zod';
import { ErrorDataSchema } from './errors';

/**
 * The envelope both transports carry (WebSocket frames, Electron IPC messages). Channel payloads are
 * validated separately by the core against the contract; this only checks the envelope.
 */
const Id = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const ChannelName = z.string().min(1).max(128);

/** W3C trace context (`traceparent`): a call may continue the caller's trace (the gateway's request span). */
const TraceParent = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
  .optional();

export const ClientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: Id, ch: ChannelName, in: z.unknown(), tp: TraceParent }),
  z.object({ t: z.literal('stream'), id: Id, ch: ChannelName, in: z.unknown(), tp: TraceParent }),
  z.object({ t: z.literal('cancel'), id: Id }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

const WireResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorDataSchema }),
]);

export const ServerMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: Id, r: WireResultSchema }),
  z.object({ t: z.literal('item'), id: Id, v: z.unknown() }),
  z.object({ t: z.literal('end'), id: Id, r: WireResultSchema }),
  z.object({ t: z.literal('event'), ev: ChannelName, p: z.unknown() }),
]);
export type ServerMessage =
  | { t: 'result'; id: number; r: { ok: true; value: unknown } | { ok: false; error: z.infer<typeof ErrorDataSchema> } }
  | { t: 'item'; id: number; v: unknown }
  | { t: 'end'; id: number; r: { ok: true; value: unknown } | { ok: false; error: z.infer<typeof ErrorDataSchema> } }
  | { t: 'event'; ev: string; p: unknown };

/** The single Electron IPC channel that carries these envelopes in both directions. */
export const IPC_CHANNEL = 'hearth:rpc';
