import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { CreateSession } from '../../../core/rpc/createRpcPart';
import { chunkBody, completionBody, usageChunkBody, type CompletionIdentity } from './chatShapes';
import { OpenAiError } from './openAiErrors';
import { ChatCompletionRequestSchema, parseBody } from './openAiSchemas';
import { openCoreApi } from './openCoreApi';
import { resolveModel } from './resolveModel';
import { runCompletion } from './runCompletion';

/** Options for the chat completions route. */
export interface ChatCompletionsOptions {
  /** The core's session factory (`core.createSession`). */
  createSession: CreateSession;
  logger: Logger;
}

/**
 * POST /v1/chat/completions. Streaming answers send their headers with the first text, so a request refused before
 * that (unknown model, no model installed, every conversation slot busy) still gets its status, 429 included; a
 * failure after that arrives as an error event, as OpenAI sends it. The client going away cancels the generation.
 */
export function chatCompletionsHandler(options: ChatCompletionsOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const body = parseBody(ChatCompletionRequestSchema, request.body);
    const streaming = body.stream === true;
    if (streaming && !request.acquireGatewayStream()) {
      throw new OpenAiError(
        429,
        'rate_limit_error',
        'This API key has as many streams open as it may; wait for one to end.',
        null,
        'too_many_streams',
      );
    }
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) gone.abort();
    });
    const core = openCoreApi({
      createSession: options.createSession,
      scopes: request.gatewayKey?.scopes ?? [],
      traceparent: request.traceparent,
    });
    try {
      const model = await resolveModel(core.api, body.model, 'chat');
      const identity: CompletionIdentity = {
        id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
        created: Math.floor(Date.now() / 1000),
        model: model?.id ?? 'default',
      };
      if (!streaming) {
        const completion = await runCompletion({
          api: core.api,
          request: body,
          model,
          signal: gone.signal,
          onStart: () => undefined,
          onDelta: () => undefined,
        });
        return await reply.send(completionBody(identity, completion));
      }
      return await stream(reply, identity, options.logger, (events) =>
        runCompletion({ api: core.api, request: body, model, signal: gone.signal, ...events }).then((completion) => ({
          completion,
          includeUsage: body.stream_options?.include_usage === true,
        })),
      );
    } finally {
      core.close();
    }
  };
}

type Run = (events: { onStart(model: string): void; onDelta(text: string): void }) => Promise<{
  completion: Awaited<ReturnType<typeof runCompletion>>;
  includeUsage: boolean;
}>;

/** Server-sent events: a role chunk, content chunks, the finishing chunk, the usage chunk if asked, `[DONE]`. */
async function stream(
  reply: FastifyReply,
  identity: CompletionIdentity,
  logger: Logger,
  run: Run,
): Promise<FastifyReply> {
  let events: PassThrough | null = null;
  // A client that went away leaves a destroyed stream: what is still said to it is dropped, never thrown.
  const writable = () => events !== null && !events.destroyed && !events.writableEnded;
  const write = (data: unknown) => {
    if (writable()) events!.write(`data: ${JSON.stringify(data)}\n\n`);
  };
  const open = (model: string) => {
    if (events) return;
    identity.model = model;
    events = new PassThrough();
    events.on('error', () => undefined);
    void reply
      .code(200)
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-accel-buffering', 'no')
      .send(events);
    write(chunkBody(identity, { role: 'assistant', content: '' }));
  };
  try {
    const { completion, includeUsage } = await run({
      // The model is named before the engine has taken a conversation slot: the headers wait for the first text.
      onStart: (model) => (identity.model = model),
      onDelta: (text) => {
        open(identity.model);
        write(chunkBody(identity, { content: text }));
      },
    });
    open(completion.model);
    write(chunkBody(identity, {}, completion));
    if (includeUsage) write(usageChunkBody(identity, completion));
  } catch (error) {
    // Before the first byte the error gets its own status (the route's error handler); after it, an error event.
    if (!events) throw error;
    if (!(error instanceof OpenAiError)) logger.error({ err: error }, 'a streamed gateway answer failed');
    const failure = error instanceof OpenAiError ? error : new OpenAiError(500, 'server_error', 'The answer failed.');
    write(failure.body);
  }
  if (writable()) events!.end('data: [DONE]\n\n');
  return reply;
}
