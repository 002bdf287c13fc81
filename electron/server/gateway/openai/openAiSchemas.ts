import { z } from 'zod';
import { OpenAiError } from './openAiErrors';

/*
 * The request bodies of the OpenAI-compatible routes. Objects are not strict: OpenAI clients send fields Hearth has no
 * use for (`user`, `presence_penalty`…), which are ignored; fields whose meaning Hearth cannot honour are refused.
 */

const TextPartSchema = z.object({ type: z.literal('text'), text: z.string() });

/** A message's content: a string, or text parts (images and audio are refused). */
const ContentSchema = z.union([z.string(), z.array(TextPartSchema).max(1_000), z.null()]);

const MessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: ContentSchema.optional(),
});

/** The opt-in extension: answer from the library, with citations (docs/API.md, "Grounded answers"). */
const HearthExtensionSchema = z.strictObject({
  library: z.strictObject({
    /** Search only this collection; omitted: the whole library. */
    collection: z.string().min(1).max(200).optional(),
    /** Search only these documents. */
    documents: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  }),
});

export const ChatCompletionRequestSchema = z.object({
  model: z.string().max(200).optional(),
  messages: z.array(MessageSchema).min(1).max(1_000),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.int().min(1).max(32_768).nullish(),
  max_completion_tokens: z.int().min(1).max(32_768).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .nullish(),
  stop: z.union([z.string().min(1).max(64), z.array(z.string().min(1).max(64)).max(4)]).nullish(),
  n: z.literal(1, 'Hearth writes one choice per request (n must be 1).').nullish(),
  tools: z.array(z.unknown()).max(0, 'Tools are not supported by this server.').nullish(),
  logprobs: z.literal(false, 'Log probabilities are not supported by this server.').nullish(),
  hearth: HearthExtensionSchema.optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

export const EmbeddingRequestSchema = z.object({
  model: z.string().max(200).optional(),
  input: z.union([
    z.string().min(1, 'The input must not be empty.'),
    z.array(z.string().min(1, 'No input may be empty.')).min(1).max(2_048),
  ]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.undefined('Choosing the dimensions is not supported: each model has its own.').optional(),
});

/** Parses a body, or throws a 400 in OpenAI's shape naming the first field at fault. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue?.path.length ? issue.path.map(String).join('.') : null;
  const message = issue ? `${param ? `${param}: ` : ''}${issue.message}` : 'The request body is not valid.';
  throw OpenAiError.invalid(message, param);
}

/** A message's text: the string, or its text parts joined. */
export function textOf(content: z.infer<typeof ContentSchema> | undefined): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}
