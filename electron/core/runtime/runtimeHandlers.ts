import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ChatEventSchema, RuntimeStatus as ContractRuntimeStatus } from '../../shared/runtimeSchemas';
import type { Handlers } from '../rpc/Dispatcher';
import type { RuntimeService } from './RuntimeService';
import type { ChatEvent, RuntimeStatus } from './inference/runtimeSchemas';

type RuntimeChannels =
  'runtime.status' | 'runtime.unload' | 'runtime.embed' | 'chat.send' | 'chat.complete' | 'chat.reset';

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

/** The engine's chat event as the contract streams it. */
function toChatEvent(event: ChatEvent): z.infer<typeof ChatEventSchema> {
  if (event.type === 'delta') return { type: 'token', text: event.text };
  return {
    type: 'model',
    source: event.source,
    modelId: event.modelId,
    name: event.name,
    fallback: event.skipped.length > 0,
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
          onEvent: (event) => void ctx.emit(toChatEvent(event)),
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
    'chat.complete': async (input, ctx) => {
      // A session of its own, forgotten at the end: the request brings the whole conversation each time.
      const sessionId = `complete-${randomUUID()}`;
      const system = input.messages.filter((m) => m.role === 'system').map((m) => m.content);
      const turns = input.messages.filter((m) => m.role !== 'system') as {
        role: 'user' | 'assistant';
        content: string;
      }[];
      const last = turns.at(-1)!;
      try {
        const result = await runtime.chat(
          {
            sessionId,
            message: last.content.length > 0 ? last.content : ' ',
            history: turns.slice(0, -1),
            ...(system.length > 0 ? { systemPrompt: system.join('\n\n') } : {}),
            ...(input.modelId ? { modelId: input.modelId } : {}),
            ...input.options,
          },
          { signal: ctx.signal, onEvent: (event) => void ctx.emit(toChatEvent(event)) },
        );
        return {
          text: result.text,
          finishReason: FINISH[result.stopReason],
          model: result.model,
          usage: { promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens },
        };
      } finally {
        runtime.forgetSession(sessionId);
      }
    },
    'runtime.embed': async ({ texts, modelId }, ctx) => {
      const result = await runtime.embed(texts, { signal: ctx.signal, ...(modelId ? { modelId } : {}) });
      return { vectors: result.vectors, model: result.model, tokens: result.tokens };
    },
    'chat.reset': ({ sessionId }) => ({ reset: runtime.forgetSession(sessionId) }),
  };
}
