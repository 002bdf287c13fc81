import { describe, expect, it } from 'vitest';
import type { HearthError } from '../../../../electron/shared/errors';
import { apiBase, RemoteSource, type RemoteEndpoint } from '../../../../electron/core/runtime/inference/RemoteSource';

const KEY = 'sk-secret-value-123';
const endpoint: RemoteEndpoint = { baseUrl: 'http://localhost:8080', chatModel: 'm', apiKey: () => KEY };
const input = { sessionKey: 's', systemPrompt: '', messages: [{ role: 'user' as const, content: 'hi' }], sampling: {} };
const hooks = () => ({ signal: new AbortController().signal, ready: () => undefined, onDelta: () => undefined });

function fetchAnswering(status: number, body = ''): typeof fetch {
  return (async () => new Response(body, { status })) as typeof fetch;
}

async function errorOf(promise: Promise<unknown>): Promise<HearthError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: HearthError) => error,
  );
}

describe('apiBase', () => {
  it('adds /v1 once, keeps a path prefix, drops query and hash', () => {
    expect(apiBase('http://localhost:8080').href).toBe('http://localhost:8080/v1/');
    expect(apiBase('http://localhost:8080/v1/').href).toBe('http://localhost:8080/v1/');
    expect(apiBase('https://host/proxy/v1?x=1#y').href).toBe('https://host/proxy/v1/');
    expect(new URL('chat/completions', apiBase('https://host/proxy')).href).toBe(
      'https://host/proxy/v1/chat/completions',
    );
  });

  it('accepts only http(s) addresses', () => {
    expect(() => apiBase('file:///etc/passwd')).toThrow(/http/);
    expect(() => apiBase('not a url')).toThrow(/not a valid address/);
  });
});

describe('RemoteSource errors', () => {
  it('maps HTTP failures to codes, and never puts the API key in an error', async () => {
    const cases: Array<[number, string]> = [
      [401, 'REMOTE_UNAVAILABLE'],
      [404, 'REMOTE_UNAVAILABLE'],
      [429, 'RATE_LIMITED'],
      [500, 'REMOTE_UNAVAILABLE'],
    ];
    for (const [status, code] of cases) {
      const source = new RemoteSource(endpoint, 'chat', fetchAnswering(status, `bad key: Bearer ${KEY}`));
      const error = await errorOf(source.chat(input, hooks()));
      expect(error.code).toBe(code);
      expect(JSON.stringify(error.toData())).not.toContain(KEY);
    }
  });

  it('an unreachable server is REMOTE_UNAVAILABLE, naming the server', async () => {
    const refusing = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as typeof fetch;
    const error = await errorOf(new RemoteSource(endpoint, 'chat', refusing).chat(input, hooks()));
    expect(error.code).toBe('REMOTE_UNAVAILABLE');
    expect(error.message).toBe('Could not reach m (localhost:8080): ECONNREFUSED');
  });

  it('sends the key only as a bearer header, and no key header when there is none', async () => {
    const headers: Array<Record<string, string>> = [];
    const capture = (async (_url: URL, init: RequestInit) => {
      headers.push(init.headers as Record<string, string>);
      return new Response('data: [DONE]\n\n', { status: 200 });
    }) as typeof fetch;
    await new RemoteSource(endpoint, 'chat', capture).chat(input, hooks());
    await new RemoteSource({ ...endpoint, apiKey: undefined }, 'chat', capture).chat(input, hooks());
    expect(headers[0]?.authorization).toBe(`Bearer ${KEY}`);
    expect(headers[1]).not.toHaveProperty('authorization');
  });

  it('rejects an embedding answer of the wrong length', async () => {
    const source = new RemoteSource(
      { ...endpoint, embeddingModel: 'e' },
      'embedding',
      (async () => new Response(JSON.stringify({ data: [{ embedding: [1, 0] }] }), { status: 200 })) as typeof fetch,
    );
    const error = await errorOf(source.embed(['a', 'b'], new AbortController().signal));
    expect(error.code).toBe('REMOTE_UNAVAILABLE');
  });
});

describe('RemoteSource prompt fitting', () => {
  it('fits the prompt to the configured context with an estimating meter, and sends the fitted prompt', async () => {
    const bodies: Array<{ messages: Array<{ role: string; content: string }>; max_tokens: number }> = [];
    const capturing = (async (_url: URL, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as (typeof bodies)[number]);
      return new Response('data: {"choices":[{"delta":{"content":"ok"}}]}\n\ndata: [DONE]\n\n', { status: 200 });
    }) as typeof fetch;
    const meters: Array<{ budget: number; exact: boolean }> = [];
    const source = new RemoteSource({ ...endpoint, contextSize: 2048 }, 'chat', capturing);
    const reply = await source.chat(
      {
        ...input,
        sampling: { maxTokens: 256 },
        fit: (meter) => {
          meters.push({ budget: meter.budget, exact: meter.exact });
          return Promise.resolve({ systemPrompt: 'Fitted.', messages: [{ role: 'user', content: 'fitted question' }] });
        },
      },
      hooks(),
    );
    expect(reply.text).toBe('ok');
    expect(meters).toEqual([{ budget: 2048 - 256, exact: false }]);
    expect(bodies[0]).toMatchObject({
      max_tokens: 256,
      messages: [
        { role: 'system', content: 'Fitted.' },
        { role: 'user', content: 'fitted question' },
      ],
    });
  });
});
