import { describe, expect, it } from 'vitest';
import type { ApiKeyInfo } from '@shared/gatewaySchemas';
import { describeKey, keyState } from '@/features/settings/connect/describeKey';
import { mcpConfigSnippets } from '@/features/settings/connect/mcpConfigSnippets';

const key = (over: Partial<ApiKeyInfo> = {}): ApiKeyInfo => ({
  id: 'key_abcdefgh',
  name: 'Editor',
  prefix: 'hk_live_abcdefgh…',
  scopes: ['search'],
  limits: { requestsPerMinute: 120, concurrentStreams: 4 },
  source: 'app',
  createdAt: '2026-01-01T00:00:00.000Z',
  revokedAt: null,
  expiresAt: null,
  lastUsedAt: null,
  useCount: 0,
  ...over,
});
const now = Date.parse('2026-01-02T00:00:00.000Z');

describe('Connect other apps: key display', () => {
  it('tells active, rotated-and-still-working, expired and revoked keys apart', () => {
    expect(keyState(key(), now)).toBe('active');
    expect(keyState(key({ expiresAt: '2026-01-02T01:00:00.000Z' }), now)).toBe('expiring');
    expect(keyState(key({ expiresAt: '2026-01-01T23:00:00.000Z' }), now)).toBe('expired');
    expect(keyState(key({ revokedAt: '2026-01-01T12:00:00.000Z', expiresAt: '2026-01-03T00:00:00.000Z' }), now)).toBe(
      'revoked',
    );
  });

  it('says how much a key was used and what it may do', () => {
    expect(describeKey(key(), now)).toMatchObject({
      state: 'Active',
      usage: 'Never used',
      limits: '120 requests a minute, 4 streams at once',
    });
    expect(describeKey(key({ useCount: 1, lastUsedAt: '2026-01-01T10:00:00.000Z' }), now).usage).toMatch(
      /^1 request, last /,
    );
    expect(describeKey(key({ useCount: 2, lastUsedAt: '2026-01-01T10:00:00.000Z' }), now).usage).toMatch(/^2 requests/);
  });
});

describe('MCP configuration snippets', () => {
  it('gives Cursor and Claude Desktop JSON they accept, pointing at the endpoint with a bearer key', () => {
    const url = 'http://127.0.0.1:4317/mcp';
    const [claude, cursor] = mcpConfigSnippets(url);
    expect(claude?.client).toBe('Claude Desktop');
    expect(JSON.parse(claude?.json ?? '')).toEqual({
      mcpServers: {
        hearth: {
          command: 'npx',
          args: ['-y', 'mcp-remote', url, '--header', 'Authorization:${HEARTH_AUTH}'],
          env: { HEARTH_AUTH: 'Bearer <your Hearth API key>' },
        },
      },
    });
    expect(JSON.parse(cursor?.json ?? '')).toEqual({
      mcpServers: { hearth: { url, headers: { Authorization: 'Bearer <your Hearth API key>' } } },
    });
  });
});
