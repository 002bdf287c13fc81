import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Citation } from '../../../shared/answerSchemas';
import { CollectionNameSchema, DocumentIdSchema } from '../../../shared/librarySchemas';
import { locationLabel } from '../../../shared/locationText';
import { auditedCall, McpCallError, unwrap, type McpCallContext } from './McpCallContext';
import { documentRef, toolResult } from './toolResult';

const AskToolInputSchema = z.strictObject({
  question: z.string().trim().min(1, 'Ask a question.').max(8000),
  /** Only documents of this collection are searched. */
  collection: CollectionNameSchema.optional().describe('Answer only from documents of this collection.'),
  documentIds: z
    .array(DocumentIdSchema)
    .max(100)
    .optional()
    .describe('Answer only from these documents (ids from list_documents or search_documents).'),
});

/**
 * `ask`: a grounded answer from the library with numbered citations, through `chat.ask` in a conversation made for
 * it and deleted after it (nothing of the question stays in Hearth's history). Needs the `chat` scope.
 */
export function registerAskTool(server: McpServer, ctx: McpCallContext): void {
  server.registerTool(
    'ask',
    {
      title: 'Ask the library',
      description:
        "Answers a question from the documents in the user's Hearth library, citing its sources as [n]. " +
        'Returns the answer, whether it is grounded in the library, and the citations (document, location, snippet).',
      inputSchema: AskToolInputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (input, extra) =>
      auditedCall(ctx, 'ask', 'chat', async () => {
        if (!ctx.acquireStream()) {
          throw new McpCallError('This API key has as many answers running as it may; wait for one to end.', 'limited');
        }
        return toolResult(await answer(ctx, input, AbortSignal.any([ctx.signal, extra.signal])));
      }),
  );
}

async function answer(ctx: McpCallContext, input: z.output<typeof AskToolInputSchema>, signal: AbortSignal) {
  const created = unwrap(
    await ctx.api.conversations.create({ title: 'MCP ask', collection: input.collection ?? null }),
  );
  try {
    let citations: Citation[] = [];
    const handle = ctx.api.chat.ask(
      {
        conversationId: created.id,
        question: input.question,
        ...(input.documentIds ? { documentIds: input.documentIds } : {}),
      },
      (event) => {
        if (event.type === 'citations') citations = event.citations;
      },
    );
    const cancel = () => handle.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    if (signal.aborted) cancel();
    const { message } = unwrap(await handle.done.finally(() => signal.removeEventListener('abort', cancel)));
    if (message.status === 'failed') throw new McpCallError(message.error?.message ?? 'The answer failed.');
    return {
      answer: message.content,
      grounded: message.grounded,
      ...(message.notice ? { notice: message.notice } : {}),
      citations: (citations.length > 0 ? citations : message.citations).map((c) => ({
        n: c.n,
        cited: c.cited,
        chunkId: c.chunkId,
        document: documentRef({ id: c.documentId, name: c.documentName, type: c.documentType }),
        location: locationLabel(c, { headings: true }),
        snippet: c.snippet,
      })),
    };
  } finally {
    await ctx.api.conversations.delete({ id: created.id });
  }
}
