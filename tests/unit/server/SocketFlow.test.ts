import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { SocketFlow } from '../../../electron/server/SocketFlow';

/** A socket whose queue the test controls: `flush(n)` is the client reading n bytes. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  terminated = false;
  readonly #pending: { bytes: number; done: () => void }[] = [];

  send(text: string, done: () => void): void {
    this.bufferedAmount += text.length;
    this.#pending.push({ bytes: text.length, done });
  }

  flush(frames: number): void {
    for (const frame of this.#pending.splice(0, frames)) {
      this.bufferedAmount -= frame.bytes;
      frame.done();
    }
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

const setup = (options = {}) => {
  const socket = new FakeSocket();
  const drops: string[] = [];
  const flow = new SocketFlow(
    socket as unknown as WebSocket,
    { highWaterMark: 100, lowWaterMark: 40, ...options },
    (r) => drops.push(r),
  );
  return { socket, flow, drops };
};

afterEach(() => vi.useRealTimers());

describe('SocketFlow', () => {
  it('lets producers run while the client keeps up, and pauses them above the high-water mark', async () => {
    const { socket, flow } = setup();
    flow.send('x'.repeat(100));
    expect(flow.ready()).toBeUndefined();
    flow.send('x'.repeat(30));
    const waiting = flow.ready();
    expect(waiting).toBeInstanceOf(Promise);
    let resumed = false;
    void waiting!.then(() => (resumed = true));
    // Reading down to 30 bytes (below the low-water mark) resumes it.
    socket.flush(1);
    await Promise.resolve();
    expect(resumed).toBe(true);
  });

  it('keeps producers paused between the low- and high-water marks', async () => {
    const { socket, flow } = setup();
    for (let i = 0; i < 6; i++) flow.send('x'.repeat(25));
    let resumed = false;
    void flow.ready()!.then(() => (resumed = true));
    socket.flush(1); // 125 bytes left: still above 40
    await Promise.resolve();
    expect(resumed).toBe(false);
    socket.flush(3); // 50 left
    await Promise.resolve();
    expect(resumed).toBe(false);
    socket.flush(1); // 25 left
    await Promise.resolve();
    expect(resumed).toBe(true);
  });

  it('cuts off a client that stays above the mark for the stall limit, and wakes its producers', async () => {
    vi.useFakeTimers();
    const { socket, flow, drops } = setup({ stallMs: 1000 });
    flow.send('x'.repeat(150));
    const waiting = flow.ready()!;
    vi.advanceTimersByTime(999);
    expect(socket.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(socket.terminated).toBe(true);
    expect(drops).toEqual(['the client read nothing for 1 s']);
    await expect(waiting).resolves.toBeUndefined();
    expect(flow.ready()).toBeUndefined();
  });

  it('does not cut off a client that catches up in time', () => {
    vi.useFakeTimers();
    const { socket, flow } = setup({ stallMs: 1000 });
    flow.send('x'.repeat(150));
    void flow.ready();
    vi.advanceTimersByTime(500);
    socket.flush(1);
    vi.advanceTimersByTime(5000);
    expect(socket.terminated).toBe(false);
  });

  it('cuts off at the hard limit whatever sent the bytes (events, producers that do not wait)', () => {
    const { socket, flow, drops } = setup({ hardLimit: 300 });
    for (let i = 0; i < 3; i++) flow.send('x'.repeat(100));
    expect(socket.terminated).toBe(false);
    flow.send('x');
    expect(socket.terminated).toBe(true);
    expect(drops[0]).toMatch(/waited for a client that is not reading/);
    flow.send('x');
    expect(socket.bufferedAmount).toBe(301);
  });

  it('wakes waiting producers when the socket closes', async () => {
    const { socket, flow } = setup();
    flow.send('x'.repeat(150));
    const waiting = flow.ready()!;
    socket.emit('close');
    await expect(waiting).resolves.toBeUndefined();
  });
});
