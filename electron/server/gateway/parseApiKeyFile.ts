import { z } from 'zod';
import { hashApiKey } from '../../core/gateway/apiKeyHash';
import { ApiKeyLimitsSchema, GatewayScopeSchema, type ApiKeyLimits } from '../../shared/gatewaySchemas';
import type { GatewayScope } from '../../shared/gatewaySchemas';

/** One key of a key file, hashed as soon as it is read. */
export interface FileKeyEntry {
  name: string;
  /** SHA-256 of the key, hex. */
  hash: string;
  scopes: GatewayScope[];
  limits: Partial<ApiKeyLimits>;
}

/** A key file the server cannot use; `line` where the text format says where. */
export class ApiKeyFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

const MIN_KEY_LENGTH = 32;
const HASHED = /^sha256:([0-9a-f]{64})$/;

const KeySchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  /** The key itself (32 characters at least)… */
  key: z.string().min(MIN_KEY_LENGTH).max(512).optional(),
  /** …or its SHA-256, so the file holds no usable key. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  scopes: z.array(GatewayScopeSchema).min(1),
  limits: ApiKeyLimitsSchema.partial().optional(),
});
const JsonSchema = z.union([z.array(KeySchema), z.strictObject({ keys: z.array(KeySchema) })]);

/**
 * Reads a key file (a Docker or Kubernetes secret). Two forms:
 * - JSON: `[{ "name": "ci", "key": "…" | "sha256": "<hex>", "scopes": ["search"], "limits": { … } }]` (or
 *   `{ "keys": [ … ] }`);
 * - text: one key a line, `<key or sha256:HEX> <scope,scope> [name…]`; blank lines and `#` comments skipped.
 * Anything malformed refuses the whole file, so a typo never silently drops a key.
 */
export function parseApiKeyFile(text: string): FileKeyEntry[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJson(trimmed);
  const entries: FileKeyEntry[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [secret = '', scopeText = '', ...name] = line.split(/\s+/);
    const scopes = scopeText.split(',').filter((s) => s !== '');
    const parsedScopes = z.array(GatewayScopeSchema).min(1).safeParse(scopes);
    if (!parsedScopes.success) {
      throw new ApiKeyFileError(
        `scopes must be a comma-separated list of ${GatewayScopeSchema.options.join(', ')}`,
        index + 1,
      );
    }
    entries.push({
      name: name.length > 0 ? name.join(' ').slice(0, 80) : `key file line ${index + 1}`,
      hash: hashOf(secret, index + 1),
      scopes: [...new Set(parsedScopes.data)],
      limits: {},
    });
  }
  return unique(entries);
}

function parseJson(text: string): FileKeyEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiKeyFileError('not valid JSON');
  }
  const parsed = JsonSchema.safeParse(json);
  if (!parsed.success) throw new ApiKeyFileError(`not a key list (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  const keys = Array.isArray(parsed.data) ? parsed.data : parsed.data.keys;
  return unique(
    keys.map((key, index) => {
      if ((key.key === undefined) === (key.sha256 === undefined)) {
        throw new ApiKeyFileError(`key ${index + 1}: give either "key" or "sha256"`);
      }
      return {
        name: key.name ?? `key file entry ${index + 1}`,
        hash: key.sha256 ?? hashApiKey(key.key ?? ''),
        scopes: [...new Set(key.scopes)],
        limits: key.limits ?? {},
      };
    }),
  );
}

function hashOf(secret: string, line: number): string {
  const hashed = HASHED.exec(secret);
  if (hashed?.[1]) return hashed[1];
  if (secret.length < MIN_KEY_LENGTH) {
    throw new ApiKeyFileError(`a key must be ${MIN_KEY_LENGTH} characters at least (or sha256:<hex>)`, line);
  }
  return hashApiKey(secret);
}

function unique(entries: FileKeyEntry[]): FileKeyEntry[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.hash)) throw new ApiKeyFileError(`the key "${entry.name}" is listed twice`);
    seen.add(entry.hash);
  }
  return entries;
}
