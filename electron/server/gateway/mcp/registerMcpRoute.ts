import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { GatewayRequestRecord } from '../../../core/gateway/GatewayAudit';
import type { CreateSession } from '../../../core/rpc/createRpcPart';
import { scopesAllow } from '../../../shared/gatewayScopes';
import { SECURITY_HEADERS } from '../../securityHeaders';
import { openCoreApi } from '../openai/openCoreApi';
import { sendGatewayError } from '../registerGatewayAuth';
import { registerAskTool } from './askTool';
import { registerDocumentResources } from './documentResources';
import { registerLibraryTools } from './libraryTools';
import type { McpCallContext } from './McpCallContext';

/** The MCP surface's own version: it changes when a tool or resource does, not with each Hearth release. */
const MCP_SERVER_VERSION = '1.0.0';

/** Options for the MCP server on the gateway. */
export interface McpRouteOptions {
  /** The core's session factory (`core.createSession`): every call goes through the contract as an `api-key` caller. */
  createSession: CreateSession;
  /** Where each tool call and resource read is audited (the gateway's batched audit). */
  audit: { record(record: GatewayRequestRecord): void };
  logger: Logger;
}

/**
 * MCP over Streamable HTTP at `/mcp` (docs/API.md), stateless as the SDK recommends for a server that keeps nothing
 * between requests: each POST gets its own McpServer and transport, answered as JSON. Any live key passes the
 * gateway's guard (registerGatewayAuth: 401, 429); a key without `search` or `chat` is refused here (403), and each
 * tool and resource checks its own scope. GET (a standalone event stream) and DELETE (a session) have nothing to
 * serve: 405.
 */
export function registerMcpRoute(app: FastifyInstance, options: McpRouteOptions): void {
  app.post('/mcp', { config: { gatewayScope: null } }, (request, reply) => serve(request, reply, options));
  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      config: { gatewayScope: null },
      // The stdio proxy's check of its key at launch is a GET: 405 says the key would be admitted.
      handler: (request, reply) =>
        refuseScopes(request, reply) ??
        reply
          .code(405)
          .header('allow', 'POST')
          .send({ jsonrpc: '2.0', error: { code: -32000, message: 'Hearth serves MCP as POST only.' }, id: null }),
    });
  }
}

/** A 403 for a key that may call none of the tools; null for one that may call some. */
function refuseScopes(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  const scopes = request.gatewayKey?.scopes ?? [];
  if (scopesAllow(scopes, 'search') || scopesAllow(scopes, 'chat')) return null;
  return sendGatewayError(reply, 403, 'insufficient_scope', 'MCP needs an API key with the "search" or "chat" scope.');
}

async function serve(request: FastifyRequest, reply: FastifyReply, options: McpRouteOptions): Promise<void> {
  const key = request.gatewayKey;
  if (!key) throw new Error('registerGatewayAuth must guard /mcp');
  if (refuseScopes(request, reply)) return;
  const gone = new AbortController();
  const core = openCoreApi({
    createSession: options.createSession,
    scopes: key.scopes,
    traceparent: request.traceparent,
  });
  const ctx: McpCallContext = {
    api: core.api,
    key,
    signal: gone.signal,
    acquireStream: () => request.acquireGatewayStream(),
    audit: (call, scope, outcome) =>
      options.audit.record({ method: 'POST', route: '/mcp', keyId: key.id, scope, outcome, status: 200, call }),
    logger: options.logger,
  };
  const server = new McpServer(
    { name: 'hearth', title: 'Hearth library', version: MCP_SERVER_VERSION },
    {
      instructions:
        "Tools and resources over the user's Hearth document library: search_documents and read_passage for " +
        'passages, list_documents or the hearth://documents/<id> resources for documents, ask for an answer with ' +
        'citations.',
    },
  );
  registerLibraryTools(server, ctx);
  registerAskTool(server, ctx);
  registerDocumentResources(server, ctx);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  reply.raw.once('close', () => {
    // Whatever still runs for this request (an answer being written) stops with it.
    gone.abort();
    void transport.close();
    void server.close();
    core.close();
  });
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.raw.setHeader(name, value);
  // The transport writes the response itself.
  reply.hijack();
  try {
    await server.connect(transport);
    await transport.handleRequest(request.raw, reply.raw, request.body);
  } catch (error) {
    options.logger.error({ err: error }, 'an MCP request failed');
    if (!reply.raw.headersSent) {
      reply.raw.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      reply.raw.end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32603, message: 'Something went wrong inside Hearth. Details are in its log.' },
          id: null,
        }),
      );
    } else reply.raw.end();
  }
}
