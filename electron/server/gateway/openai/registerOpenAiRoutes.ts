import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { CreateSession } from '../../../core/rpc/createRpcPart';
import { chatCompletionsHandler } from './chatCompletionsRoute';
import { OpenAiError } from './openAiErrors';
import { EmbeddingRequestSchema, parseBody } from './openAiSchemas';
import { openCoreApi } from './openCoreApi';
import { kindOf, listModels, resolveModel } from './resolveModel';

/** Options for the OpenAI-compatible API. */
export interface OpenAiRoutesOptions {
  /** The core's session factory (`core.createSession`): every call goes through the contract as an `api-key` caller. */
  createSession: CreateSession;
  logger: Logger;
}

/**
 * The OpenAI-compatible API under `/v1` (docs/API.md): models, chat completions (with Hearth's library extension)
 * and embeddings, errors in OpenAI's shape. Register after the gateway's guard (registerGatewayAuth), which checks
 * each route's `gatewayScope` before it runs.
 */
export async function registerOpenAiRoutes(app: FastifyInstance, options: OpenAiRoutesOptions): Promise<void> {
  await app.register(
    async (v1) => {
      v1.setErrorHandler((error: FastifyError | OpenAiError, _request, reply) =>
        sendError(reply, error, options.logger),
      );
      v1.setNotFoundHandler((request, reply) =>
        sendError(
          reply,
          new OpenAiError(
            404,
            'invalid_request_error',
            `Hearth serves no ${request.method} ${request.url.split('?')[0]}.`,
            null,
            'unknown_url',
          ),
          options.logger,
        ),
      );

      v1.get('/models', { config: { gatewayScope: 'chat' } }, async (request) => {
        const core = openCoreApi({
          createSession: options.createSession,
          scopes: request.gatewayKey?.scopes ?? [],
          traceparent: request.traceparent,
        });
        try {
          const { models, defaults } = await listModels(core.api);
          const data = models
            .filter((m) => kindOf(m) !== 'reranker')
            .map((m) => {
              const kind = kindOf(m) as 'chat' | 'embedding';
              return {
                id: m.id,
                object: 'model',
                created: Math.floor(m.addedAt / 1000),
                owned_by: 'hearth',
                hearth: { name: m.displayName, kind, default: defaults[kind] === m.id, contextLength: m.contextLength },
              };
            });
          return { object: 'list', data };
        } finally {
          core.close();
        }
      });

      v1.post(
        '/chat/completions',
        { config: { gatewayScope: 'chat' } },
        chatCompletionsHandler({ createSession: options.createSession, logger: options.logger }),
      );

      v1.post('/embeddings', { config: { gatewayScope: 'search' } }, async (request) => {
        const body = parseBody(EmbeddingRequestSchema, request.body);
        const texts = typeof body.input === 'string' ? [body.input] : body.input;
        const core = openCoreApi({
          createSession: options.createSession,
          scopes: request.gatewayKey?.scopes ?? [],
          traceparent: request.traceparent,
        });
        try {
          const model = await resolveModel(core.api, body.model, 'embedding');
          const result = await core.api.runtime.embed({ texts, ...(model ? { modelId: model.id } : {}) });
          if (!result.ok) throw OpenAiError.fromErrorData(result.error);
          const base64 = body.encoding_format === 'base64';
          return {
            object: 'list',
            data: result.value.vectors.map((vector, index) => ({
              object: 'embedding',
              index,
              // OpenAI's base64 is the little-endian float32 bytes of the vector.
              embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
            })),
            model: result.value.model.modelId,
            usage: { prompt_tokens: result.value.tokens, total_tokens: result.value.tokens },
          };
        } finally {
          core.close();
        }
      });
    },
    { prefix: '/v1' },
  );
}

/** Every failure in OpenAI's shape; Fastify's own (bad JSON, too large, wrong type) keep their status. */
function sendError(reply: FastifyReply, error: FastifyError | OpenAiError, logger: Logger): FastifyReply {
  if (reply.sent || reply.raw.headersSent) return reply;
  let failure: OpenAiError;
  if (error instanceof OpenAiError) failure = error;
  else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    failure = new OpenAiError(
      error.statusCode,
      'invalid_request_error',
      error.message,
      null,
      error.code?.toLowerCase() ?? null,
    );
  } else {
    logger.error({ err: error }, 'a gateway request failed');
    failure = new OpenAiError(500, 'server_error', 'Something went wrong inside Hearth. Details are in its log.');
  }
  return reply.code(failure.status).type('application/json; charset=utf-8').send(failure.body);
}
