import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { isJSONRPCRequest, isJSONRPCResultResponse } from '@modelcontextprotocol/sdk/types.js';
import { resolveDataDir } from '../../../core/paths/resolveDataDir';
import { gatewayAddressPath, readGatewayAddress, type GatewayAddress } from './gatewayAddressFile';

const USAGE =
  'Usage: hearth-mcp [--data-dir DIR] [--key-file FILE]\n' +
  'Connects an MCP client over stdio to the Hearth running on this computer. The API key comes from HEARTH_API_KEY,\n' +
  'or the file named by --key-file or HEARTH_API_KEY_FILE; the data folder from --data-dir or HEARTH_HOME.\n';

/** A reason to stop, told on stderr where MCP clients show a server's log. */
class ProxyExit extends Error {}

/**
 * `hearth-mcp`: what desktop MCP clients (Claude Desktop, Cursor) launch. A thin proxy, never a second core: it
 * finds the running Hearth through `run/gateway.json` in the data folder, checks its API key there once, then passes
 * every MCP message from stdin to Hearth's Streamable HTTP endpoint (`/mcp`) and every answer back to stdout.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, 'key-file': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const key = await apiKey(values['key-file'] ?? process.env['HEARTH_API_KEY_FILE']);
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const address = await readGatewayAddress(dataDir).catch((error: unknown) => {
    throw new ProxyExit(`Cannot read ${gatewayAddressPath(dataDir)}: ${(error as Error).message}`);
  });
  if (!address || !processAlive(address.pid)) {
    throw new ProxyExit(
      `Hearth is not running on the data folder ${dataDir}. Start Hearth (hearth-server) first, or point ` +
        'hearth-mcp at its data folder with --data-dir or HEARTH_HOME.',
    );
  }
  await checkKey(address, key);
  await forward(address, key);
}

async function apiKey(keyFile: string | undefined): Promise<string> {
  const fromEnv = process.env['HEARTH_API_KEY']?.trim();
  if (fromEnv) return fromEnv;
  if (keyFile) {
    const text = await readFile(keyFile, 'utf8').catch((error: unknown) => {
      throw new ProxyExit(`Cannot read the API key file ${keyFile}: ${(error as NodeJS.ErrnoException).code}.`);
    });
    if (text.trim()) return text.trim();
    throw new ProxyExit(`The API key file ${keyFile} is empty.`);
  }
  throw new ProxyExit(
    'No API key. Make one in Hearth (Settings → Connect other apps, scopes search and chat) and give it to ' +
      'hearth-mcp as HEARTH_API_KEY, or in a file named by --key-file or HEARTH_API_KEY_FILE.',
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One request before any MCP message, so a refused key or a stopped Hearth is told plainly at launch. */
async function checkKey(address: GatewayAddress, key: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(address.mcpUrl, { method: 'GET', headers: { authorization: `Bearer ${key}` } });
  } catch {
    throw new ProxyExit(`Hearth is not running at ${address.origin} (its address file was left by an earlier run).`);
  }
  if (response.status === 401 || response.status === 403) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ProxyExit(`Hearth refused the API key: ${body?.error?.message ?? `HTTP ${response.status}`}`);
  }
  await response.body?.cancel();
}

async function forward(address: GatewayAddress, key: string): Promise<void> {
  const http = new StreamableHTTPClientTransport(new URL(address.mcpUrl), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  const stdio = new StdioServerTransport();
  const initializing = new Set<string | number>();
  let closing = false;
  const close = async (code: number) => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([http.close(), stdio.close()]);
    process.exit(code);
  };

  http.onmessage = (message) => {
    // Later requests carry the protocol version the server chose, as the SDK's own client sends it.
    if (isJSONRPCResultResponse(message) && initializing.delete(message.id)) {
      const version = message.result['protocolVersion'];
      if (typeof version === 'string') http.setProtocolVersion(version);
    }
    void stdio.send(message);
  };
  http.onerror = (error) => process.stderr.write(`hearth-mcp: ${error.message}\n`);
  stdio.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === 'initialize') initializing.add(message.id);
    http.send(message).catch((error: unknown) => {
      const refused = error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403);
      const text = refused
        ? 'Hearth refused the API key: it was revoked, expired or lost its scopes.'
        : error instanceof StreamableHTTPError
          ? `Hearth answered HTTP ${error.code ?? '?'}.`
          : `Hearth is not reachable at ${address.origin} any more; it may have stopped.`;
      process.stderr.write(`hearth-mcp: ${text}\n`);
      if (isJSONRPCRequest(message)) {
        void stdio.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: text } });
      }
      if (refused || !(error instanceof StreamableHTTPError)) void close(1);
    });
  };
  stdio.onclose = () => void close(0);
  process.stdin.once('end', () => void close(0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close(0));
  await http.start();
  await stdio.start();
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ProxyExit ? `hearth-mcp: ${error.message}\n` : `hearth-mcp failed: ${String(error)}\n`,
  );
  process.exit(1);
});
