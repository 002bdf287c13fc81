import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Dispatcher, type Handlers } from '../../../../electron/core/rpc/Dispatcher';
import { EventBus } from '../../../../electron/core/rpc/EventBus';
import { RpcSession } from '../../../../electron/core/rpc/RpcSession';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings';
import type { ServerMessage } from '../../../../electron/shared/wire';
import { waitFor } from '../../../helpers/tempCore';

const logger = pino({ level: 'silent' });

function setup() {
  const aborted: string[] = [];
  const handlers = {
    'diagnostics.ping': ({ echo }: { echo: string }) => ({ echo, at: 1 }),
    'diagnostics.watch': (_input: unknown, ctx: { signal: AbortSignal; emit: (x: unknown) => void }) =>
      new Promise((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          aborted.push('watch');
          resolve({ snapshots: 0 });
        });
      }),
  } as unknown as Handlers;
  const events = new EventBus();
  const sent: ServerMessage[] = [];
  const session = new RpcSession({
    dispatcher: new Dispatcher(handlers, logger),
    events,
    logger,
    caller: 'remote-browser',
    send: (m) => sent.push(m),
  });
  return { session, sent, events, aborted };
}

describe('RpcSession', () => {
  it('answers a call with a result keyed by its id', async () => {
    const { session, sent } = setup();
    session.handle({ t: 'call', id: 7, ch: 'diagnostics.ping', in: { echo: 'hi' } });
    await waitFor('result', () => sent.length === 1);
    expect(sent[0]).toEqual({ t: 'result', id: 7, r: { ok: true, value: { echo: 'hi', at: 1 } } });
  });

  it('answers a malformed envelope with INVALID_INPUT when it has an id, and survives garbage', () => {
    const { session, sent } = setup();
    session.handle({ t: 'call', id: 3 });
    session.handle('garbage');
    session.handle(null);
    session.handle({ t: 'explode', id: -1 });
    expect(sent).toEqual([
      { t: 'result', id: 3, r: { ok: false, error: { code: 'INVALID_INPUT', message: 'Malformed request.' } } },
    ]);
  });

  it('cancel aborts the stream in the core and ends it with CANCELLED', async () => {
    const { session, sent, aborted } = setup();
    session.handle({ t: 'stream', id: 1, ch: 'diagnostics.watch', in: { intervalMs: 1000 } });
    session.handle({ t: 'cancel', id: 1 });
    await waitFor('end', () => sent.some((m) => m.t === 'end'));
    expect(aborted).toEqual(['watch']);
    expect(sent.find((m) => m.t === 'end')).toMatchObject({ id: 1, r: { ok: false, error: { code: 'CANCELLED' } } });
  });

  it('dispose (client gone) aborts its streams and stops forwarding events', async () => {
    const { session, sent, aborted, events } = setup();
    session.handle({ t: 'stream', id: 2, ch: 'diagnostics.watch', in: { intervalMs: 1000 } });
    events.emit('settings.changed', DEFAULT_SETTINGS);
    expect(sent.filter((m) => m.t === 'event')).toHaveLength(1);
    session.dispose();
    await waitFor('abort', () => aborted.length === 1);
    events.emit('settings.changed', DEFAULT_SETTINGS);
    expect(sent.filter((m) => m.t === 'event')).toHaveLength(1);
  });
});

describe('RpcSession limits', () => {
  it('refuses invalid streams before they count toward the concurrent-stream limit', async () => {
    const { session, sent } = setup();
    for (let id = 1; id <= 100; id++)
      session.handle({ t: 'stream', id, ch: 'diagnostics.watch', in: { intervalMs: 'x' } });
    const ends = sent.filter((m) => m.t === 'end');
    expect(ends).toHaveLength(100);
    expect(ends.every((m) => m.t === 'end' && !m.r.ok && m.r.error.code === 'INVALID_INPUT')).toBe(true);
  });
});
