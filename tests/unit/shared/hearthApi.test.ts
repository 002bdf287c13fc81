import { describe, expect, it } from 'vitest';
import { contract } from '../../../electron/shared/contract';
import { createHearthApi } from '../../../electron/shared/hearthApi';
import type { RpcClient } from '../../../electron/shared/rpcClient';

describe('createHearthApi', () => {
  it('has one method per call and stream channel, nested names included, each calling its own channel', async () => {
    const called: string[] = [];
    const rpc: RpcClient = {
      call: async (channel) => {
        called.push(channel);
        return { ok: true, value: null };
      },
      stream: (channel) => {
        called.push(channel);
        return { result: Promise.resolve({ ok: true, value: null }), cancel: () => undefined } as never;
      },
      on: () => () => undefined,
    };
    const api = createHearthApi(rpc) as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>;
    const channels = Object.entries(contract).filter(([, e]) => e.kind !== 'event');
    for (const [channel, entry] of channels) {
      const dot = channel.indexOf('.');
      const method = api[channel.slice(0, dot)]?.[channel.slice(dot + 1)];
      expect(typeof method, channel).toBe('function');
      if (entry.kind === 'stream') method!({}, () => undefined);
      else await method!({});
    }
    expect(called).toEqual(channels.map(([channel]) => channel));
    expect(called).toContain('library.collections.list');
  });
});
