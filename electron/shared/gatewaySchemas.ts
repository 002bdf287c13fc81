import { z } from 'zod';

/**
 * What a gateway API key may do: `chat` (answers, models, conversations), `search` (read the library), `ingest` (add
 * documents), `admin` (every other channel a remote caller may use; implies the other three).
 */
export const GatewayScopeSchema = z.enum(['chat', 'search', 'ingest', 'admin']);
export type GatewayScope = z.infer<typeof GatewayScopeSchema>;

export const ApiKeyIdSchema = z.string().regex(/^(key|file)_[a-z0-9]{8,32}$/);

/** Per-key limits; absent fields take the gateway's defaults. */
export const ApiKeyLimitsSchema = z.strictObject({
  /** Requests a minute before 429. */
  requestsPerMinute: z.int().min(1).max(100_000),
  /** Streaming responses open at once. */
  concurrentStreams: z.int().min(1).max(1_000),
});
export type ApiKeyLimits = z.infer<typeof ApiKeyLimitsSchema>;

/** A key as everyone but its creator sees it: never the key itself, only its first characters. */
export const ApiKeyInfoSchema = z.object({
  id: ApiKeyIdSchema,
  name: z.string(),
  /** `hk_live_ab12cd34…`: enough to recognise it, useless to use. */
  prefix: z.string(),
  scopes: z.array(GatewayScopeSchema),
  limits: ApiKeyLimitsSchema,
  /** `app`: made in Settings; `file`: read from --api-keys-file (cannot be changed here). */
  source: z.enum(['app', 'file']),
  createdAt: z.string(),
  /** Set once revoked; a revoked key is refused at once. */
  revokedAt: z.string().nullable(),
  /** Set on the old key of a rotation: it works until then. */
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  useCount: z.int().min(0),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;

const KeyNameSchema = z.string().trim().min(1).max(80);

export const ApiKeyCreateSchema = z.strictObject({
  name: KeyNameSchema,
  scopes: z.array(GatewayScopeSchema).min(1).max(4),
  limits: ApiKeyLimitsSchema.partial().optional(),
});

/** The only answer that ever holds the raw key: show it once. */
export const ApiKeyCreatedSchema = z.object({ key: ApiKeyInfoSchema, secret: z.string() });

export const ApiKeyRotateSchema = z.strictObject({
  id: ApiKeyIdSchema,
  /** How long the old key keeps working; default 24 h, 0 ends it now. */
  graceHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .optional(),
});

/** Where other apps reach this Hearth, and the defaults keys get; null addresses where no server listens. */
export const GatewayInfoSchema = z.object({
  /** `http://127.0.0.1:43117/v1` for OpenAI clients; null in the desktop app without a server. */
  openaiBaseUrl: z.string().nullable(),
  /** MCP over Streamable HTTP; null where not served. */
  mcpUrl: z.string().nullable(),
  /** `host:port` of the gRPC service; null where not served. */
  grpcAddress: z.string().nullable(),
  defaults: ApiKeyLimitsSchema,
  /** Largest request body, bytes. */
  maxBodyBytes: z.int().min(1),
});
export type GatewayInfo = z.infer<typeof GatewayInfoSchema>;
