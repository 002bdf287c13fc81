import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Dispatcher, type Handlers } from '../../../../electron/core/rpc/Dispatcher';
import { contract } from '../../../../electron/shared/contract';
import { HearthError } from '../../../../electron/shared/errors';
import { junkPayloads } from '../../../helpers/junk';

const logger = pino({ level: 'silent' });
const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });
const callable = Object.entries(contract).filter(([, e]) => e.kind !== 'event');

/** Handlers that record every call; any call proves input validation was skipped. */
function recordingHandlers(
  calls: string[],
  impl: Partial<Record<string, (...a: unknown[]) => unknown>> = {},
): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, channel: string) => (input: unknown, c: unknown) => {
      calls.push(channel);
      return impl[channel]?.(input, c);
    },
  });
}

describe('Dispatcher input validation', () => {
  it.each(callable)(
    '%s rejects junk payloads with INVALID_INPUT and never runs its handler',
    async (channel, entry) => {
      const calls: string[] = [];
      const dispatcher = new Dispatcher(recordingHandlers(calls), logger);
      let rejected = 0;
      for (const payload of junkPayloads(channel.length * 7919, 120)) {
        if (entry.kind !== 'event' && entry.input.safeParse(payload).success) continue; // junk that happens to be valid
        const result =
          entry.kind === 'stream'
            ? await dispatcher.stream(channel, payload, ctx(), () => undefined)
            : await dispatcher.call(channel, payload, ctx());
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('INVALID_INPUT');
          expect(result.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack frames
        }
        rejected++;
      }
      expect(rejected).toBeGreaterThan(100);
      expect(calls).toEqual([]);
    },
  );

  it('refuses unknown channels and event channels', async () => {
    const calls: string[] = [];
    const dispatcher = new Dispatcher(recordingHandlers(calls), logger);
    for (const channel of ['nope', 'settings.delete', '__proto__', 'constructor', 'settings.changed']) {
      const result = await dispatcher.call(channel, {}, ctx());
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const streamed = await dispatcher.stream('settings.get', {}, ctx(), () => undefined);
    expect(streamed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });
});

describe('Dispatcher error mapping', () => {
  it('passes typed errors through with their code', async () => {
    const dispatcher = new Dispatcher(
      recordingHandlers([], {
        'secrets.has': () => {
          throw new HearthError('KEYCHAIN_UNAVAILABLE', 'The system keychain did not respond.');
        },
      }),
      logger,
    );
    const result = await dispatcher.call('secrets.has', { name: 'openai' }, ctx());
    expect(result).toEqual({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The system keychain did not respond.' },
    });
  });

  it('hides the message and stack of unexpected errors', async () => {
    const dispatcher = new Dispatcher(
      recordingHandlers([], {
        'settings.get': () => {
          throw new Error('ENOENT /Users/alice/secret/path at line 3');
        },
      }),
      logger,
    );
    const result = await dispatcher.call('settings.get', {}, ctx());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(JSON.stringify(result.error)).not.toContain('/Users/alice');
    }
  });

  it('maps Node file-system errors to actionable codes', async () => {
    const eacces = Object.assign(new Error('EACCES: permission denied, open /x'), { code: 'EACCES' });
    const enospc = Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
    for (const [error, code] of [
      [eacces, 'PERMISSION_DENIED'],
      [enospc, 'DISK_FULL'],
    ] as const) {
      const dispatcher = new Dispatcher(
        recordingHandlers([], { 'settings.reset': () => Promise.reject(error) }),
        logger,
      );
      expect(await dispatcher.call('settings.reset', {}, ctx())).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('strips fields outside the output schema, so a value can never leak through a handler', async () => {
    const dispatcher = new Dispatcher(
      recordingHandlers([], { 'secrets.has': () => ({ name: 'openai', exists: true, value: 'sk-live-123' }) }),
      logger,
    );
    const result = await dispatcher.call('secrets.has', { name: 'openai' }, ctx());
    expect(result).toEqual({ ok: true, value: { name: 'openai', exists: true } });
  });

  it('turns output that breaks the contract into INTERNAL', async () => {
    const dispatcher = new Dispatcher(recordingHandlers([], { 'diagnostics.ping': () => ({ echo: 5 }) }), logger);
    expect(await dispatcher.call('diagnostics.ping', { echo: 'hi' }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});

describe('Dispatcher streams', () => {
  it('emits items, returns the end value and counts active streams', async () => {
    const dispatcher = new Dispatcher(
      recordingHandlers([], {
        'diagnostics.loopback': async (input, c) => {
          const { count } = input as { count: number };
          const { emit } = c as { emit: (i: unknown) => void };
          for (let seq = 0; seq < count; seq++) emit({ seq, payload: '' });
          expect(dispatcher.activeStreams).toBe(1);
          return { sent: count };
        },
      }),
      logger,
    );
    const items: unknown[] = [];
    const result = await dispatcher.stream('diagnostics.loopback', { count: 3, payloadBytes: 0 }, ctx(), (i) =>
      items.push(i),
    );
    expect(result).toEqual({ ok: true, value: { sent: 3 } });
    expect(items).toHaveLength(3);
    expect(dispatcher.activeStreams).toBe(0);
  });

  it('answers CANCELLED and drops items once the caller aborts', async () => {
    const controller = new AbortController();
    const items: unknown[] = [];
    const dispatcher = new Dispatcher(
      recordingHandlers([], {
        'diagnostics.loopback': async (_input, c) => {
          const { emit } = c as { emit: (i: unknown) => void };
          emit({ seq: 0, payload: '' });
          controller.abort();
          emit({ seq: 1, payload: '' });
          return { sent: 2 };
        },
      }),
      logger,
    );
    const result = await dispatcher.stream(
      'diagnostics.loopback',
      { count: 5, payloadBytes: 0 },
      { origin: 'internal', signal: controller.signal },
      (i) => items.push(i),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(items).toHaveLength(1);
  });
});
