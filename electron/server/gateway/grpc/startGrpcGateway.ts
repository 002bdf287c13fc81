import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { Logger } from 'pino';
import type { GatewayShell } from '../../../core/gateway/createGatewayPart';
import type { CreateSession } from '../../../core/rpc/createRpcPart';
import type { ServerCertificate } from '../../serverCertificate';
import { GrpcGuard } from './GrpcGuard';
import { hearthService } from './hearthService';

/** Options for the gRPC gateway. */
export interface GrpcGatewayOptions {
  /** The core's session factory (`core.createSession`). */
  createSession: CreateSession;
  gateway: Pick<GatewayShell, 'keys' | 'audit' | 'maxBodyBytes'>;
  logger: Logger;
  /** Bind address: the HTTP server's. */
  host: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Serve TLS with the HTTP server's certificate; plain only where the HTTP server is plain too. */
  tls?: ServerCertificate;
}

export interface GrpcGateway {
  readonly port: number;
  /** `host:port`, as a gRPC client dials it. */
  readonly address: string;
  /** Ends open streams, stops the server and frees its port. */
  close(): Promise<void>;
}

/** How long open calls get to end when the server closes, ms, before their connections are cut. */
const SHUTDOWN_GRACE_MS = 2_000;

/** hearth.proto next to the sources (development) or at the repository root beside dist/ (the bundled server). */
function protoPath(): string {
  const candidates = ['../../../../resources/proto/hearth.proto', '../../resources/proto/hearth.proto'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`hearth.proto not found (looked at ${candidates.join(', ')})`);
  return found;
}

/**
 * The gRPC gateway (hearth.v1.Hearth): its own port beside the HTTP server, behind the same API keys, limits and
 * audit as /v1 and /mcp (GrpcGuard); requests larger than the gateway's body limit are refused by grpc-js.
 */
export async function startGrpcGateway(options: GrpcGatewayOptions): Promise<GrpcGateway> {
  const definition = loadSync(protoPath(), {
    keepCase: false,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const service = (loadPackageDefinition(definition) as unknown as HearthPackage).hearth.v1.Hearth.service;
  const server = new Server({
    'grpc.max_receive_message_length': options.gateway.maxBodyBytes,
    'grpc.max_concurrent_streams': 1_000,
  });
  const open = new Set<() => void>();
  server.addService(
    service,
    hearthService({
      createSession: options.createSession,
      guard: new GrpcGuard(options.gateway),
      logger: options.logger,
      open,
    }),
  );
  const credentials = options.tls
    ? ServerCredentials.createSsl(
        null,
        [{ private_key: Buffer.from(options.tls.key), cert_chain: Buffer.from(options.tls.cert) }],
        false,
      )
    : ServerCredentials.createInsecure();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, credentials, (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const dialHost = options.host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    port,
    address: `${dialHost}:${port}`,
    close: async () => {
      for (const end of open) end();
      await new Promise<void>((resolve) => {
        const cut = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(cut);
          resolve();
        });
      });
    },
  };
}

interface HearthPackage {
  hearth: { v1: { Hearth: { service: ServiceDefinition } } };
}
