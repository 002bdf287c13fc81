import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Options for the authenticating proxy in front of Chroma. */
export interface ChromaAuthProxyOptions {
  /** Where Chroma itself listens (loopback, an address and port nobody is told about). */
  target: { host: string; port: number };
  /** The per-run secret every request must carry as `Authorization: Bearer <token>`. */
  token: string;
  /** Port on 127.0.0.1 for the proxy; default a free one chosen by the kernel. */
  port?: number;
}

const HOST = '127.0.0.1';
/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
]);

/**
 * Chroma 1.x's server has no authentication of its own (its token settings are ignored and it answers any Host), so
 * Hearth talks to it through this proxy on 127.0.0.1: every request needs the per-run bearer token (compared in
 * constant time) and a Host naming this proxy (127.0.0.1:<port> or localhost:<port>), which stops a DNS-rebinding page
 * whose requests carry its own host name. Refusals are 401/403 with a short JSON reason; the token is never logged.
 */
export class ChromaAuthProxy {
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:53212. */
  readonly url: string;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(server: Server, port: number) {
    this.#server = server;
    this.port = port;
    this.url = `http://${HOST}:${port}`;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 and resolves once it accepts connections. */
  static async start(options: ChromaAuthProxyOptions): Promise<ChromaAuthProxy> {
    const expected = digest(options.token);
    let allowedHosts = new Set<string>();
    const server = createServer((request, response) => {
      const refusal = refuse(request, allowedHosts, expected);
      if (refusal) {
        request.resume();
        const body = JSON.stringify({ error: refusal.error, message: refusal.message });
        response.writeHead(refusal.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(refusal.status === 401 ? { 'www-authenticate': 'Bearer realm="hearth-chroma"' } : {}),
        });
        response.end(body);
        return;
      }
      forward(request, response, options.target);
    });
    // Upgrades (WebSocket) are not part of Chroma's API; refusing them keeps the proxy a plain request relay.
    server.on('upgrade', (_request, socket: Socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    allowedHosts = new Set([`${HOST}:${port}`, `localhost:${port}`]);
    return new ChromaAuthProxy(server, port);
  }

  /** Stops listening and drops open connections (a client then sees the sidecar as down). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }
}

interface Refusal {
  status: 401 | 403;
  error: string;
  message: string;
}

function refuse(request: IncomingMessage, allowedHosts: Set<string>, expected: Buffer): Refusal | null {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) {
    return { status: 403, error: 'Forbidden', message: 'This address is only for Hearth on this computer.' };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  // Digests have one length, so the comparison takes the same time whatever was sent.
  if (!match || !timingSafeEqual(digest(match[1] as string), expected)) {
    return { status: 401, error: 'Unauthorized', message: 'The vector database needs Hearth’s per-run key.' };
  }
  return null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Relays one request to Chroma and its answer back; if Chroma is not answering the client's connection is dropped. */
function forward(request: IncomingMessage, response: ServerResponse, target: { host: string; port: number }): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers.host = `${target.host}:${target.port}`;
  const upstream = httpRequest(
    { host: target.host, port: target.port, method: request.method, path: request.url, headers },
    (answer) => {
      const back: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) back[name] = value;
      }
      response.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(response);
      answer.once('error', () => response.destroy());
    },
  );
  // A dead or restarting Chroma looks to the client exactly like one without a proxy: a broken connection, which
  // ChromaVectorStore reports as SIDECAR_DOWN.
  upstream.once('error', () => response.destroy());
  request.once('error', () => upstream.destroy());
  response.once('close', () => {
    if (!response.writableFinished) upstream.destroy();
  });
  request.pipe(upstream);
}
