import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Dispatcher, type CallContext, type Handlers } from '../../../../electron/core/rpc/Dispatcher';
import { contract } from '../../../../electron/shared/contract';
import type { GatewayScope } from '../../../../electron/shared/gatewaySchemas';
import { scopeOfChannel } from '../../../../electron/shared/gatewayScopes';

const logger = pino({ level: 'silent' });
const key = (scopes: GatewayScope[]): CallContext => ({
  origin: 'ws',
  caller: 'api-key',
  scopes,
  signal: new AbortController().signal,
});

function recording(calls: string[]): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, channel: string) => () => {
      calls.push(channel);
      return { echo: 'x', at: 1 };
    },
  });
}

const search = { query: 'tides' };

describe('Dispatcher scopes of API keys', () => {
  it('a key runs the channels of its scopes and is refused the others before its input is parsed', async () => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recording(calls), logger);
    await dispatcher.call('library.search', search, key(['search']));
    expect(calls).toEqual(['library.search']);
    const refused = await dispatcher.call('library.search', { junk: true }, key(['chat']));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: 'This API key does not have the scope for that call.' },
    });
    const stream = await dispatcher.stream('chat.ask', { junk: true }, key(['search', 'ingest']), () => undefined);
    expect(stream).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(calls).toEqual(['library.search']);
  });

  it('admin holds every scope; a key without scopes gets only the open channels', async () => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recording(calls), logger);
    await dispatcher.call('library.search', search, key(['admin']));
    await dispatcher.call('diagnostics.ping', { echo: 'x' }, key([]));
    expect(await dispatcher.call('library.search', search, key([]))).toMatchObject({ ok: false });
    expect(calls).toEqual(['library.search', 'diagnostics.ping']);
  });

  it('scopes only narrow API keys: a browser caller carrying scopes is judged as a browser', async () => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recording(calls), logger);
    await dispatcher.call('library.search', search, { ...key([]), caller: 'remote-browser' });
    expect(calls).toEqual(['library.search']);
  });

  it('maps every local-only channel to admin, and new channels default to admin', () => {
    for (const [channel, entry] of Object.entries(contract)) {
      if (entry.kind !== 'event' && entry.access === 'local') expect(scopeOfChannel(channel)).toBe('admin');
    }
    expect(scopeOfChannel('something.new')).toBe('admin');
    expect(scopeOfChannel('chat.ask')).toBe('chat');
    expect(scopeOfChannel('library.ingest')).toBe('ingest');
    expect(scopeOfChannel('app.info')).toBeNull();
  });
});
