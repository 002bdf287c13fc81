import type { HearthApi } from '../../../shared/hearthApi';
import type { ModelInfo } from '../../../shared/runtimeSchemas';
import { OpenAiError } from './openAiErrors';

/** What a model is for, as the gateway lists and checks it. */
export type ModelKind = 'chat' | 'embedding' | 'reranker';

export function kindOf(model: ModelInfo): ModelKind {
  if (model.isReranker) return 'reranker';
  return model.isEmbeddingModel ? 'embedding' : 'chat';
}

/** Installed models and the defaults, through the contract. */
export async function listModels(
  api: HearthApi,
): Promise<{ models: ModelInfo[]; defaults: { chat: string | null; embedding: string | null } }> {
  const listed = await api.models.list({});
  if (!listed.ok) throw OpenAiError.fromErrorData(listed.error);
  return { models: listed.value.models, defaults: listed.value.defaults };
}

/**
 * The installed model a request names, by id, display name or file name (case-insensitive); absent, empty or
 * `default`: the default model of that kind (null when there is none, so the runtime's own chain decides).
 * An unknown name is a 404 `model_not_found`, as OpenAI answers; a model of another kind is a 400.
 */
export async function resolveModel(
  api: HearthApi,
  requested: string | undefined,
  kind: 'chat' | 'embedding',
): Promise<ModelInfo | null> {
  const { models, defaults } = await listModels(api);
  const name = requested?.trim().toLowerCase() ?? '';
  if (name === '' || name === 'default') {
    const id = defaults[kind];
    return models.find((m) => m.id === id) ?? null;
  }
  const found =
    models.find((m) => m.id === name) ??
    models.find((m) => m.displayName.toLowerCase() === name || m.fileName.toLowerCase() === name);
  if (!found) {
    throw new OpenAiError(
      404,
      'invalid_request_error',
      `The model "${requested?.slice(0, 200)}" does not exist or is not installed. GET /v1/models lists the installed ones.`,
      'model',
      'model_not_found',
    );
  }
  if (kindOf(found) !== kind) {
    throw OpenAiError.invalid(`The model "${found.id}" is a ${kindOf(found)} model, not a ${kind} model.`, 'model');
  }
  return found;
}
