import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { LibraryListInputSchema } from '../../../shared/librarySchemas';
import { locationLabel } from '../../../shared/locationText';
import { SearchInputSchema } from '../../../shared/searchSchemas';
import { auditedCall, unwrap, type McpCallContext } from './McpCallContext';
import { documentRef, toolResult } from './toolResult';

const ReadPassageInputSchema = z.strictObject({
  chunkId: z.string().min(1).max(200).describe('A passage id (chunkId) from search_documents or ask.'),
});

/**
 * The library's read-only tools, each needing the `search` scope: `search_documents` (library.search),
 * `list_documents` (library.list, paged by cursor) and `read_passage` (library.passage). Inputs are the contract's
 * own schemas, so a tool accepts exactly what the core does.
 */
export function registerLibraryTools(server: McpServer, ctx: McpCallContext): void {
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'search_documents',
    {
      title: 'Search the library',
      description:
        "Finds passages in the user's Hearth library by words and meaning (mode hybrid, keyword or vector), best " +
        'first, each with its document, where it is (page, heading, lines) and its text. Filters narrow to ' +
        'collections, document types or document ids.',
      inputSchema: SearchInputSchema,
      annotations: readOnly,
    },
    (input) =>
      auditedCall(ctx, 'search_documents', 'search', async () => {
        const result = unwrap(await ctx.api.library.search(input));
        return toolResult({
          query: result.query,
          mode: result.mode,
          passages: result.passages.map((p) => ({
            chunkId: p.chunkId,
            document: documentRef({ id: p.documentId, name: p.documentName, type: p.documentType }),
            location: p.location,
            text: p.text,
            score: p.score,
          })),
          ...(result.vectorSkipped ? { vectorSkipped: result.vectorSkipped } : {}),
          ...(result.note ? { note: result.note } : {}),
        });
      }),
  );

  server.registerTool(
    'list_documents',
    {
      title: 'List documents',
      description:
        "Lists the documents in the user's Hearth library, one page at a time: pass nextCursor back as cursor for " +
        'the next page. Sort by name, added, size or status; filter by status, type, collection or part of the name.',
      inputSchema: LibraryListInputSchema,
      annotations: readOnly,
    },
    (input) =>
      auditedCall(ctx, 'list_documents', 'search', async () => {
        const page = unwrap(await ctx.api.library.list(input));
        return toolResult({
          total: page.total,
          documents: page.items.map((d) => ({
            ...documentRef(d),
            collection: d.collection,
            status: d.status,
            passages: d.chunks,
            size: d.size,
            updatedAt: new Date(d.updatedAt).toISOString(),
          })),
          nextCursor: page.nextCursor,
        });
      }),
  );

  server.registerTool(
    'read_passage',
    {
      title: 'Read a passage',
      description: 'Reads one passage of a document whole, by the chunkId that search_documents or ask returned.',
      inputSchema: ReadPassageInputSchema,
      annotations: readOnly,
    },
    (input) =>
      auditedCall(ctx, 'read_passage', 'search', async () => {
        const p = unwrap(await ctx.api.library.passage(input));
        return toolResult({
          chunkId: p.chunkId,
          document: documentRef({ id: p.documentId, name: p.documentName, type: p.documentType }),
          location: locationLabel(p, { headings: true }),
          text: p.text,
        });
      }),
  );
}
