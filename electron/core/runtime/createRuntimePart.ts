import { listModels, modelHandlers } from './modelHandlers';
import { runtimeHandlers, toContractStatus } from './runtimeHandlers';
import type { Part, PartContext } from '../lifecycle/PartContext';
import { remoteEndpointOf } from '../secrets/secretBindings';
import type { SecretsService } from '../secrets/SecretsService';
import type { SettingsService } from '../settings/SettingsService';
import type { StagingArea } from '../staging/StagingArea';
import type { Supervisor } from '../supervisor/Supervisor';
import { ModelCatalog } from './models/ModelCatalog';
import { preferredModels, type PreferredModels } from './preferredModels';
import { RuntimeService } from './RuntimeService';

/** Embeds texts for the library with the default embedding model, or `modelId`; says which model answered. */
type EmbedTexts = (
  texts: string[],
  signal: AbortSignal,
  modelId?: string,
) => Promise<{ vectors: number[][]; model: string }>;

/** The services of the runtime part. */
export interface RuntimeServices {
  /** Installed GGUF models and the defaults. */
  modelCatalog: ModelCatalog;
  runtime: RuntimeService;
  /** Model ids in order of preference, read from the catalogue each time. */
  preferred: () => PreferredModels;
  embed: EmbedTexts;
}

type RuntimeChannels = keyof ReturnType<typeof runtimeHandlers> | keyof ReturnType<typeof modelHandlers>;

/** Local inference: the model catalogue and the llama.cpp worker with its fallback chain. */
export async function createRuntimePart(
  ctx: PartContext,
  deps: { supervisor: Supervisor; settings: SettingsService; secrets: SecretsService; staging: StagingArea },
): Promise<Part<RuntimeServices, RuntimeChannels>> {
  const { platform, logger } = ctx;
  const { supervisor, settings, secrets, staging } = deps;
  const modelCatalog = ctx.disposables.add(
    'model catalogue',
    await ModelCatalog.open({ dir: ctx.paths.models, logger }),
  );
  const preferred = () => preferredModels(modelCatalog);
  const inference = settings.get().inference;
  const runtime = ctx.disposables.add(
    'runtime',
    new RuntimeService({
      supervisor,
      logger,
      workerEntry: platform.inferenceWorker.entry,
      workerExecArgv: platform.inferenceWorker.execArgv ?? [],
      ...(platform.inferenceWorker.env ? { workerEnv: platform.inferenceWorker.env } : {}),
      nodeCommand: platform.node.command,
      ...(platform.node.env ? { nodeEnv: platform.node.env } : {}),
      resolveModelPath: (id) => {
        try {
          return modelCatalog.pathOf(id);
        } catch {
          return null;
        }
      },
      models: preferred,
      threads: inference.threads,
      contextSize: inference.contextSize,
      idleUnloadMs: inference.idleUnloadMinutes * 60_000,
      remote: () => {
        const fallback = settings.get().fallback;
        if (!fallback.remoteBaseUrl || !fallback.remoteModel) return null;
        return {
          baseUrl: fallback.remoteBaseUrl,
          chatModel: fallback.remoteModel,
          contextSize: fallback.remoteContextSize,
          // Only the key saved for this very server: after the address changes, the old key goes nowhere.
          apiKey: () => secrets.revealFor('remote-endpoint-key', remoteEndpointOf(fallback.remoteBaseUrl)),
        };
      },
    }),
  );
  runtime.onStatus((status) => ctx.events.emit('runtime.changed', toContractStatus(status)));
  const embed: EmbedTexts = async (texts, signal, modelId) => {
    const result = await runtime.embed(texts, { signal, ...(modelId ? { modelId } : {}) });
    return { vectors: result.vectors, model: result.model.modelId ?? result.model.name };
  };
  return {
    services: { modelCatalog, runtime, preferred, embed },
    handlers: {
      ...modelHandlers({
        catalog: modelCatalog,
        staging,
        onChange: () => {
          ctx.signals.emit('models.changed', undefined);
          ctx.events.emit('models.changed', listModels(modelCatalog));
        },
      }),
      ...runtimeHandlers(runtime),
    },
  };
}
