import { describe, expect, it, vi } from 'vitest';
import { TypedEvents } from '../../../../electron/core/lifecycle/TypedEvents';
import { EventBus } from '../../../../electron/core/rpc/EventBus';

describe('internal and client events', () => {
  it('a failing internal listener is logged and does not stop the others', async () => {
    const logger = { error: vi.fn() };
    const events = new TypedEvents<{ 'models.changed': undefined }>({ logger, name: 'core' });
    const reached: string[] = [];
    events.on('models.changed', () => {
      throw new Error('sync');
    });
    events.on('models.changed', () => Promise.reject(new Error('async')));
    events.on('models.changed', () => void reached.push('third'));
    events.emit('models.changed', undefined);
    await new Promise((r) => setImmediate(r));
    expect(reached).toEqual(['third']);
    expect(logger.error.mock.calls.map(([details]) => (details as { err: Error }).err.message).sort()).toEqual([
      'async',
      'sync',
    ]);
  });

  it('unsubscribes', () => {
    const events = new TypedEvents<{ tick: number }>({ logger: { error: vi.fn() }, name: 't' });
    const seen: number[] = [];
    const off = events.on('tick', (n) => void seen.push(n));
    events.emit('tick', 1);
    off();
    events.emit('tick', 2);
    expect(seen).toEqual([1]);
  });

  it('EventBus logs a failing subscriber instead of swallowing it', () => {
    const logger = { warn: vi.fn() };
    const bus = new EventBus(logger);
    const delivered: unknown[] = [];
    bus.onAny(() => {
      throw new Error('socket closed');
    });
    bus.onAny((event) => delivered.push(event));
    bus.emit('secrets.changed', { names: [] });
    expect(delivered).toEqual(['secrets.changed']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'secrets.changed', err: expect.any(Error) }),
      'an event subscriber failed',
    );
  });
});
