import { describe, expect, it } from 'vitest';
import {
  parseHostMessage,
  parseResult,
  parseWorkerMessage,
} from '../../../../electron/core/runtime/inference/workerProtocol';
import { junkPayloads } from '../../../helpers/junk';

const junkValues = junkPayloads(7, 200);

describe('worker protocol validation', () => {
  it('accepts each well-formed host request', () => {
    const messages = [
      { op: 'ping', id: 1 },
      { op: 'status', id: 2 },
      {
        op: 'load',
        id: 3,
        params: { slot: 'chat', modelId: 'm', path: '/m.gguf', contextSize: 2048, threads: 2, parallel: 2 },
      },
      { op: 'unload', id: 4, slot: 'embedding' },
      {
        op: 'chat',
        id: 5,
        params: {
          modelId: 'm',
          sessionKey: 's',
          systemPrompt: '',
          messages: [{ role: 'user', content: 'hi' }],
          sampling: { temperature: 0, maxTokens: 8, stop: ['\n'], ignoreEos: true },
        },
      },
      { op: 'embed', id: 6, modelId: 'e', texts: ['a', 'b'] },
      { op: 'cancel', id: 7, target: 5 },
      { op: 'forget', id: 8, sessionKey: 's' },
      { op: 'fault', id: 9, fault: 'abort-on-load' },
    ];
    for (const message of messages) expect(parseHostMessage(message)).toEqual(message);
  });

  it('rejects malformed host requests', () => {
    const bad = [
      { op: 'ping' },
      { op: 'ping', id: 0 },
      { op: 'ping', id: 1.5 },
      { op: 'explode', id: 1 },
      {
        op: 'load',
        id: 1,
        params: { slot: 'gpu', modelId: 'm', path: '/m', contextSize: 2048, threads: 2, parallel: 1 },
      },
      {
        op: 'load',
        id: 1,
        params: { slot: 'chat', modelId: 'm', path: '/m', contextSize: 8, threads: 2, parallel: 1 },
      },
      { op: 'chat', id: 1, params: { modelId: 'm', sessionKey: 's', systemPrompt: '', messages: [], sampling: {} } },
      {
        op: 'chat',
        id: 1,
        params: {
          modelId: 'm',
          sessionKey: 's',
          systemPrompt: '',
          messages: [{ role: 'system', content: 'x' }],
          sampling: {},
        },
      },
      {
        op: 'chat',
        id: 1,
        params: {
          modelId: 'm',
          sessionKey: 's',
          systemPrompt: '',
          messages: [{ role: 'user', content: 'x' }],
          sampling: { temperature: 9 },
        },
      },
      { op: 'embed', id: 1, modelId: 'e', texts: [] },
      { op: 'fault', id: 1, fault: 'rm -rf' },
    ];
    for (const message of bad) expect(parseHostMessage(message), JSON.stringify(message)).toBeNull();
    for (const junk of junkValues) expect(parseHostMessage(junk)).toBeNull();
  });

  it('validates worker messages and each op result against its own schema', () => {
    expect(parseWorkerMessage({ type: 'delta', id: 3, text: 'hi' })).toEqual({ type: 'delta', id: 3, text: 'hi' });
    expect(parseWorkerMessage({ type: 'error', id: 3, error: { code: 'OUT_OF_MEMORY', message: 'm' } })).not.toBeNull();
    expect(parseWorkerMessage({ type: 'error', id: 3, error: { code: 'SEGFAULT', message: 'm' } })).toBeNull();
    expect(parseWorkerMessage({ type: 'delta', id: 3 })).toBeNull();
    for (const junk of junkValues) expect(parseWorkerMessage(junk)).toBeNull();

    expect(parseResult('ping', { pid: 12 })).toEqual({ ok: true, value: { pid: 12 } });
    expect(parseResult('embed', { vectors: [[0.6, 0.8]], tokens: 2, truncated: 0 }).ok).toBe(true);
    expect(parseResult('embed', { vectors: 'nope', tokens: 2, truncated: 0 }).ok).toBe(false);
    expect(parseResult('chat', { text: 'x' }).ok).toBe(false);
  });
});
