import { randomUUID } from 'node:crypto';
import type { RuntimeStatus as ContractRuntimeStatus } from '../../shared/runtimeSchemas';
import type { Handlers } from '../rpc/Dispatcher';
import type { RuntimeService } from './RuntimeService';
import type { RuntimeStatus } from './inference/runtimeSchemas';

type RuntimeChannels = 'runtime.status' | 'runtime.unload' | 'chat.send' | 'chat.reset';

const FINISH = { eos: 'stop', maxTokens: 'length', stop: 'stopSequence' } as const;

/** The engine's detailed status, reduced to what the contract promises the UI. */
export function toContractStatus(status: RuntimeStatus): ContractRuntimeStatus {
  const worker = status.worker;
  const state =
    worker.state === 'failed'
      ? 'error'
      : status.chat || status.embedding
        ? 'ready'
        : worker.state === 'starting' || worker.state === 'backoff'
          ? 'loading'
          : 'idle';
  const loaded = status.chat ?? status.embedding;
  return {
    state,
    model: loaded ? { id: loaded.modelId, name: loaded.name } : null,
    device: status.device?.gpu ?? null,
    memory: {
      workerRssBytes: status.memory?.workerRssBytes ?? null,
      vramUsedBytes: status.memory?.vramUsedBytes ?? null,
    },
    lastError: worker.lastError ?? status.badModels.at(-1)?.reason ?? null,
  };
}

/** Chat and runtime channels, served by the inference worker through RuntimeService. */
export function runtimeHandlers(runtime: RuntimeService): Pick<Handlers, RuntimeChannels> {
  return {
    'runtime.status': async () => toContractStatus(await runtime.status()),
    'runtime.unload': async () => {
      await runtime.unload();
      return toContractStatus(runtime.currentStatus());
    },
    'chat.send': async (input, ctx) => {
      const sessionId = input.sessionId ?? randomUUID();
      const result = await runtime.chat(
        {
          sessionId,
          message: input.message,
          ...(input.systemPrompt !== undefined ? { systemPrompt: input.systemPrompt } : {}),
          ...input.options,
        },
        {
          signal: ctx.signal,
          onEvent: (event) => {
            if (event.type === 'model') {
              ctx.emit({
                type: 'model',
                source: event.source,
                modelId: event.modelId,
                name: event.name,
                fallback: event.skipped.length > 0,
              });
            } else ctx.emit({ type: 'token', text: event.text });
          },
        },
      );
      ctx.emit({
        type: 'usage',
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        reusedTokens: result.usage.reusedTokens,
      });
      return { sessionId, text: result.text, finishReason: FINISH[result.stopReason] };
    },
    'chat.reset': ({ sessionId }) => ({ reset: runtime.forgetSession(sessionId) }),
  };
}
