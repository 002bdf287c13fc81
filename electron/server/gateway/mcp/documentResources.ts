import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { locationLabel } from '../../../shared/locationText';
import { auditedCall, McpCallError, unwrap, type McpCallContext } from './McpCallContext';
import { documentUri } from './toolResult';

/** Documents a page of resources/list holds. */
const PAGE = 100;
const DOCUMENT_URI = /^hearth:\/\/documents\/([A-Za-z0-9-]{1,64})$/;

/**
 * Each document as a resource, `hearth://documents/<id>`: listed a page at a time (the cursor is library.list's),
 * read as its text (the first passages library.get returns, with where each sits) and its metadata as JSON. Set
 * on the low-level server because McpServer's resource listing has no cursor. Needs the `search` scope.
 */
export function registerDocumentResources(mcp: McpServer, ctx: McpCallContext): void {
  const server = mcp.server;
  server.registerCapabilities({ resources: {} });

  server.setRequestHandler(ListResourcesRequestSchema, (request) =>
    resourceCall(ctx, 'resources/list', async () => {
      const cursor = request.params?.cursor;
      const page = unwrap(
        await ctx.api.library.list({ limit: PAGE, sort: 'name', direction: 'asc', ...(cursor ? { cursor } : {}) }),
      );
      return {
        resources: page.items.map((d) => ({
          uri: documentUri(d.id),
          name: d.name,
          mimeType: 'text/plain',
          description: [d.type, d.status, `${d.chunks} passages`, d.collection ? `collection ${d.collection}` : '']
            .filter(Boolean)
            .join(', '),
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    }),
  );

  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [
      {
        uriTemplate: 'hearth://documents/{id}',
        name: 'document',
        title: 'A document of the library',
        description: "A document's text (its passages, in order) and its metadata as JSON.",
        mimeType: 'text/plain',
      },
    ],
  }));

  server.setRequestHandler(ReadResourceRequestSchema, (request) =>
    resourceCall(ctx, 'resources/read', async () => {
      const uri = request.params.uri;
      const id = DOCUMENT_URI.exec(uri)?.[1];
      if (!id) throw new McpCallError(`Hearth has no resource ${uri}; documents are hearth://documents/<id>.`);
      const detail = unwrap(await ctx.api.library.get({ id }));
      const { document: d, chunks } = detail;
      const text = chunks
        .map((c) => {
          const where = locationLabel(c.provenance, { headings: true });
          return where ? `[${where}]\n${c.text}` : c.text;
        })
        .join('\n\n');
      const shown = chunks.length < d.chunks ? `\n\n(The first ${chunks.length} of ${d.chunks} passages.)` : '';
      const metadata = {
        id: d.id,
        name: d.name,
        type: d.type,
        collection: d.collection,
        status: d.status,
        size: d.size,
        version: d.version,
        passages: d.chunks,
        passagesShown: chunks.length,
        passageIds: chunks.map((c) => c.id),
        createdAt: new Date(d.createdAt).toISOString(),
        updatedAt: new Date(d.updatedAt).toISOString(),
      };
      return {
        contents: [
          { uri, mimeType: 'text/plain', text: text + shown },
          { uri, mimeType: 'application/json', text: JSON.stringify(metadata, null, 2) },
        ],
      };
    }),
  );
}

/** A resource call as a JSON-RPC error the client can show: what went wrong, never Hearth's inside. */
async function resourceCall<T>(ctx: McpCallContext, call: string, run: () => Promise<T>): Promise<T> {
  try {
    return await auditedCall(ctx, call, 'search', run);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const refused = error instanceof McpCallError && error.outcome === 'refused';
    throw new McpError(refused ? ErrorCode.InvalidRequest : ErrorCode.InvalidParams, message);
  }
}
