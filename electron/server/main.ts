import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/createCore';
import { resolveDataDir } from '../core/paths/resolveDataDir';
import { applySettingsFile } from './applySettingsFile';
import { createHeadlessServer, type HeadlessServer } from './createHeadlessServer';
import { isLoopbackHost } from './isLoopbackAddress';
import { defaultRendererDir, nodePlatform } from './nodePlatform';
import { Readiness } from './Readiness';
import { servedNames } from './requestGuard';
import { loadCertificate, selfSignedCertificate } from './serverCertificate';
import { readServerFileConfig } from './serverFileConfig';
import { readSharedCatalog } from './sharedCatalogConfig';
import { createPgPool } from '../core/vectors/createPgPool';
import type pg from 'pg';

/** What a stop must close, as main() starts it: a signal during start-up waits for it, then closes it. */
const started: { core?: Promise<Core>; server?: Promise<HeadlessServer>; pool?: pg.Pool } = {};
let stopping: Promise<void> | undefined;
/** `/readyz`: fails from the first moment of a stop, so a load balancer sends new requests to other replicas. */
const readiness = new Readiness();
/** --shutdown-delay-seconds: how long a stop keeps serving (not ready) before it closes, in ms. */
let shutdownDelayMs = 0;

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Every way out goes through here: the replica reports not ready, keeps serving for the shutdown delay (on a signal)
 * while the load balancer takes it out, then the server closes and the core is disposed — running ingestion is
 * cancelled with its jobs left resumable, and the supervisor stops Chroma, the S3 server and the inference worker —
 * before the process exits with `code`.
 */
function stop(reason: string, code: number): Promise<void> {
  stopping ??= (async () => {
    readiness.markDraining();
    const core = await started.core?.catch(() => undefined);
    core?.logger.info({ reason }, 'stopping');
    if (code === 0 && shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, shutdownDelayMs));
    try {
      await (await started.server?.catch(() => undefined))?.close();
      // Disposing the library finishes nothing more: running jobs stop where they are and their leases are released,
      // so another replica takes them over at once.
      await core?.dispose();
      await started.pool?.end();
    } catch (error) {
      process.stderr.write(`Hearth did not stop cleanly: ${describe(error)}\n`);
      code = 1;
    }
    process.exit(code);
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal, 0));
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    process.stderr.write(`Hearth failed (${event}): ${describe(error)}\n`);
    void started.core?.then((core) => core.logger.fatal({ err: error, event }, 'stopping after a failure'));
    void stop(event, 1);
  });
}

/**
 * `hearth-server`: the core behind HTTP + WebSocket. Prints a sign-in link (a one-time token); with
 * --json it prints one JSON line instead, for scripts and tests.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'renderer-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      // --no-local-paths: browsers on this computer upload instead of naming paths (reverse proxy setups).
      'local-paths': { type: 'boolean' },
      // Beyond loopback: https with the user's certificate, or one Hearth makes, or plain HTTP acknowledged.
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-self-signed': { type: 'boolean', default: false },
      'insecure-no-tls': { type: 'boolean', default: false },
      // Further names browsers reach this server by (DNS names); repeatable.
      'allow-host': { type: 'string', multiple: true },
      // Gateway API keys from a file (a Docker or Kubernetes secret), reloaded when it changes; a key removed from it
      // keeps working for --api-keys-grace-hours (24 by default), so rotating the secret cuts no client off.
      'api-keys-file': { type: 'string' },
      'api-keys-grace-hours': { type: 'string' },
      // The gRPC gateway's port (0: a free one, printed below); --no-grpc serves none.
      'grpc-port': { type: 'string' },
      grpc: { type: 'boolean', default: true },
      // On SIGTERM, keep serving this long while /readyz fails, so no new request lands on a closing replica.
      'shutdown-delay-seconds': { type: 'string' },
      // A team server: the catalogue in PostgreSQL (HEARTH_CATALOG_URL), shared by every replica of this server.
      'catalog-url': { type: 'string' },
      'replica-id': { type: 'string' },
      'lease-seconds': { type: 'string' },
    },
    allowNegative: true,
  });
  shutdownDelayMs = shutdownDelay(values['shutdown-delay-seconds']);
  // Secrets and configuration from mounted files (HEARTH_*_FILE); options on the command line win.
  const files = await readServerFileConfig(process.env);
  const tlsCert = values['tls-cert'] ?? files.tlsCertFile;
  const tlsKey = values['tls-key'] ?? files.tlsKeyFile;
  const apiKeysFile = values['api-keys-file'] ?? files.apiKeysFile;
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new Error(
      '--tls-cert and --tls-key (HEARTH_TLS_CERT_FILE, HEARTH_TLS_KEY_FILE) go together: give both files, or neither.',
    );
  }
  await applySettingsFile({
    dataDir: resolveDataDir(),
    ...(files.settingsFile ? { settingsFile: files.settingsFile } : {}),
    ...(files.s3AccessKeyIdFile ? { s3AccessKeyIdFile: files.s3AccessKeyIdFile } : {}),
  });
  const catalogUrl = values['catalog-url'] ?? nonEmpty(process.env['HEARTH_CATALOG_URL']);
  const replicaId = values['replica-id'] ?? nonEmpty(process.env['HEARTH_REPLICA_ID']);
  // The catalogue's own password file, else the pgvector one: most servers keep both in one database.
  const catalogPasswordFile = files.catalogPasswordFile ?? files.mountedSecrets['postgres-password'];
  const shared =
    catalogUrl === undefined
      ? undefined
      : await readSharedCatalog({
          url: catalogUrl,
          ...(catalogPasswordFile ? { passwordFile: catalogPasswordFile } : {}),
          ...(replicaId ? { replicaId } : {}),
          ...(values['lease-seconds'] ? { leaseSeconds: values['lease-seconds'] } : {}),
        });
  const platform = nodePlatform({
    logToStdout: false,
    mountedSecrets: files.mountedSecrets,
    ...(shared
      ? { sharedCatalog: { postgres: shared.postgres, replicaId: shared.replicaId, leaseMs: shared.leaseMs } }
      : {}),
  });
  started.core = createCore(platform);
  const core = await started.core;
  // Replicas on one catalogue share sessions, sign-in links and client events through the same database.
  if (shared) {
    started.pool = createPgPool({
      url: shared.url,
      password: async () => shared.password,
      onIdleError: (error) => core.logger.warn({ err: error }, 'a cluster database connection failed'),
    });
  }
  const configured = core.settings.get().server;
  const host = values.host ?? configured.host;
  const hostNames = values['allow-host'] ?? [];
  const tls =
    tlsCert !== undefined && tlsKey !== undefined
      ? await loadCertificate(tlsCert, tlsKey)
      : values['tls-self-signed']
        ? await selfSignedCertificate(join(core.paths.root, 'tls'), servedNames({ host, names: hostNames }))
        : undefined;
  started.server = createHeadlessServer({
    core,
    rendererDir: values['renderer-dir'] ?? defaultRendererDir(),
    host,
    port: values.port !== undefined ? Number(values.port) : configured.port,
    ...(values['local-paths'] === undefined ? {} : { localPaths: values['local-paths'] }),
    ...(tls ? { tls } : {}),
    insecureNoTls: values['insecure-no-tls'],
    hostNames,
    grpc: values.grpc ? { port: grpcPort(values['grpc-port']) } : false,
    ...(apiKeysFile === undefined
      ? {}
      : { apiKeysFile: { path: apiKeysFile, graceMs: graceHours(values['api-keys-grace-hours']) } }),
    readiness,
    ...(shared && started.pool ? { cluster: { pool: started.pool, replicaId: shared.replicaId } } : {}),
  });
  const server = await started.server;
  if (!tls && !isLoopbackHost(host)) {
    process.stderr.write(
      `Warning: serving ${host} over plain HTTP (--insecure-no-tls): anyone on the network path can read sign-in links ` +
        'and session cookies and act as you.\n',
    );
  }

  // Each line on stdin (Enter in a terminal, a newline from a script) asks for a fresh one-time link. Its end is no
  // reason to stop: a shell started with stdin closed (a service, `< /dev/null`) keeps serving.
  const announce = async () => {
    const url = await server.signInUrl();
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ url, origin: server.origin, port: server.port, dataDir: core.paths.root, fingerprint: server.fingerprint, grpcAddress: server.grpcAddress })}\n`
        : `  Open: ${url}\n` +
            (server.fingerprint ? `  Certificate SHA-256: ${server.fingerprint}\n` : '') +
            (server.grpcAddress ? `  gRPC: ${server.grpcAddress}\n` : ''),
    );
  };
  if (!values.json) {
    process.stdout.write(
      `\nHearth is running (headless) — data in ${core.paths.root}\n` +
        'The link below signs one browser in and works once. Press Enter for a new link, Ctrl+C to stop.\n\n',
    );
  }
  await announce();
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (let i = 0; i < chunk.split('\n').length - 1; i++) {
      // A database that is briefly unreachable (a shared session store) costs that link, not the server.
      announce().catch((error: unknown) => core.logger.warn({ err: error }, 'could not make a sign-in link'));
    }
  });
  process.stdin.on('error', () => undefined);
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** --grpc-port: a port number, 0 for a free one (the default). */
function grpcPort(text: string | undefined): number {
  const port = text === undefined ? 0 : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error('--grpc-port takes a port number (0 to 65535).');
  return port;
}

/** --api-keys-grace-hours: a number of hours, 0 or more; 24 when not given. */
function graceHours(text: string | undefined): number {
  const hours = text === undefined ? 24 : Number(text);
  if (!Number.isFinite(hours) || hours < 0)
    throw new Error('--api-keys-grace-hours takes a number of hours (0 or more).');
  return hours * 3600_000;
}

/** --shutdown-delay-seconds: seconds, 0 or more (0, the default, closes at once); at most 10 minutes. */
function shutdownDelay(text: string | undefined): number {
  const seconds = text === undefined ? 0 : Number(text);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 600)
    throw new Error('--shutdown-delay-seconds takes a number of seconds (0 to 600).');
  return seconds * 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`Hearth could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  void stop('start-up failed', 1);
});
