import { describe, expect, it } from 'vitest';
import { hashApiKey } from '../../../../electron/core/gateway/apiKeyHash';
import { parseApiKeyFile } from '../../../../electron/server/gateway/parseApiKeyFile';

const k1 = 'k'.repeat(40);
const k2 = 'z'.repeat(32);

describe('parseApiKeyFile', () => {
  it('reads the text form: key, scopes, name; comments and blank lines skipped; keys hashed', () => {
    const text = `# keys for the team\n\n${k1} search,chat Build server\n  sha256:${hashApiKey(k2)}   admin\n`;
    expect(parseApiKeyFile(text)).toEqual([
      { name: 'Build server', hash: hashApiKey(k1), scopes: ['search', 'chat'], limits: {} },
      { name: 'key file line 4', hash: hashApiKey(k2), scopes: ['admin'], limits: {} },
    ]);
  });

  it('reads the JSON forms, with limits', () => {
    const list = [
      { name: 'ci', key: k1, scopes: ['ingest'], limits: { requestsPerMinute: 10 } },
      { sha256: hashApiKey(k2), scopes: ['chat'] },
    ];
    const expected = [
      { name: 'ci', hash: hashApiKey(k1), scopes: ['ingest'], limits: { requestsPerMinute: 10 } },
      { name: 'key file entry 2', hash: hashApiKey(k2), scopes: ['chat'], limits: {} },
    ];
    expect(parseApiKeyFile(JSON.stringify(list))).toEqual(expected);
    expect(parseApiKeyFile(JSON.stringify({ keys: list }))).toEqual(expected);
  });

  it.each([
    ['a short key', `short search`, /line 1: a key must be 32 characters/],
    ['an unknown scope', `${k1} search,root`, /line 1: scopes must be/],
    ['no scopes', `${k1}`, /line 1: scopes must be/],
    ['a key listed twice', `${k1} chat a\n${k1} search b`, /listed twice/],
    ['broken JSON', `[{"key": `, /not valid JSON/],
    [
      'JSON with key and sha256',
      JSON.stringify([{ key: k1, sha256: hashApiKey(k1), scopes: ['chat'] }]),
      /either "key" or "sha256"/,
    ],
    ['JSON with a short key', JSON.stringify([{ key: 'short', scopes: ['chat'] }]), /not a key list/],
  ])('refuses the whole file for %s, never echoing a key', (_what, text, message) => {
    let thrown: unknown;
    try {
      parseApiKeyFile(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(k1);
  });
});
