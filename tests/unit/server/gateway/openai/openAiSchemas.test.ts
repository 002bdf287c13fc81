import { describe, expect, it } from 'vitest';
import { chunkBody, completionBody, usageChunkBody } from '../../../../../electron/server/gateway/openai/chatShapes';
import { OpenAiError } from '../../../../../electron/server/gateway/openai/openAiErrors';
import {
  ChatCompletionRequestSchema,
  EmbeddingRequestSchema,
  parseBody,
  textOf,
} from '../../../../../electron/server/gateway/openai/openAiSchemas';

const user = { role: 'user', content: 'hi' };

function refusal(run: () => unknown): OpenAiError {
  try {
    run();
  } catch (error) {
    if (error instanceof OpenAiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('OpenAI request bodies', () => {
  it('takes what OpenAI clients send, ignoring fields Hearth has no use for', () => {
    const body = parseBody(ChatCompletionRequestSchema, {
      model: 'x',
      messages: [
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'Be ' },
            { type: 'text', text: 'brief.' },
          ],
        },
        user,
      ],
      stop: 'END',
      max_tokens: null,
      presence_penalty: 0.5,
      user: 'someone',
      n: 1,
    });
    expect(body.stop).toBe('END');
    expect(textOf(body.messages[0]?.content)).toBe('Be brief.');
    expect(body).not.toHaveProperty('presence_penalty');
  });

  it('refuses with 400 naming the field at fault', () => {
    expect(refusal(() => parseBody(ChatCompletionRequestSchema, { messages: [] }))).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      param: 'messages',
    });
    expect(refusal(() => parseBody(ChatCompletionRequestSchema, { messages: [user], n: 2 })).message).toContain(
      'n must be 1',
    );
    expect(
      refusal(() => parseBody(ChatCompletionRequestSchema, { messages: [user], stop: ['a', 'b', 'c', 'd', 'e'] })),
    ).toMatchObject({ param: 'stop' });
    expect(
      refusal(() => parseBody(ChatCompletionRequestSchema, { messages: [user], hearth: { library: { x: 1 } } })),
    ).toMatchObject({ param: 'hearth.library' });
    expect(refusal(() => parseBody(EmbeddingRequestSchema, { input: [''] }))).toMatchObject({ param: 'input.0' });
    expect(refusal(() => parseBody(EmbeddingRequestSchema, { input: 'a', dimensions: 64 }))).toMatchObject({
      param: 'dimensions',
    });
    expect(refusal(() => parseBody(EmbeddingRequestSchema, undefined))).toMatchObject({ status: 400 });
  });
});

describe('OpenAiError', () => {
  it('maps Hearth error codes to the status and type an OpenAI client expects', () => {
    const cases = [
      ['INVALID_INPUT', 400, 'invalid_request_error'],
      ['PERMISSION_DENIED', 403, 'permission_error'],
      ['NOT_FOUND', 404, 'not_found_error'],
      ['RATE_LIMITED', 429, 'rate_limit_error'],
      ['INTERNAL', 500, 'server_error'],
      ['MODEL_UNAVAILABLE', 503, 'server_error'],
    ] as const;
    for (const [code, status, type] of cases) {
      const error = OpenAiError.fromErrorData({ code, message: 'm' });
      expect(error.body).toEqual({ error: { message: 'm', type, param: null, code: code.toLowerCase() } });
      expect(error.status).toBe(status);
    }
  });
});

describe('chat completion shapes', () => {
  const identity = { id: 'chatcmpl-1', created: 1, model: 'm' };
  const plain = {
    text: 'hello',
    finishReason: 'length' as const,
    model: 'm',
    usage: { promptTokens: 3, completionTokens: 2 },
  };

  it('totals usage and puts the hearth field only on grounded answers', () => {
    expect(completionBody(identity, plain)).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: 'hello' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    expect(completionBody(identity, plain)).not.toHaveProperty('hearth');
    const grounded = {
      text: 'a [1]',
      finishReason: 'stop' as const,
      model: 'm',
      hearth: { citations: [], grounded: true },
    };
    const body = completionBody(identity, grounded);
    expect(body).not.toHaveProperty('usage');
    expect(body).toMatchObject({ hearth: { grounded: true } });
    expect(chunkBody(identity, {}, grounded)).toMatchObject({ choices: [{ finish_reason: 'stop' }], hearth: {} });
  });

  it('streams deltas without a finish reason and usage in a chunk of its own', () => {
    expect(chunkBody(identity, { content: 'he' })).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'he' }, logprobs: null, finish_reason: null }],
    });
    expect(usageChunkBody(identity, plain)).toMatchObject({ choices: [], usage: { total_tokens: 5 } });
  });
});
