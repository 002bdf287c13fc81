import { parseArgs } from 'node:util';
import { createCore } from '../core/createCore';
import { createHeadlessServer } from './createHeadlessServer';
import { defaultRendererDir, nodePlatform } from './nodePlatform';

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
    },
    allowNegative: true,
  });
  const platform = nodePlatform({ logToStdout: false });
  const core = await createCore(platform);
  const configured = core.settings.get().server;
  const server = await createHeadlessServer({
    core,
    rendererDir: values['renderer-dir'] ?? defaultRendererDir(),
    host: values.host ?? configured.host,
    port: values.port !== undefined ? Number(values.port) : configured.port,
    ...(values['local-paths'] === undefined ? {} : { localPaths: values['local-paths'] }),
  });

  // Each line on stdin (Enter in a terminal, a newline from a script) asks for a fresh one-time link.
  const announce = () =>
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ url: server.signInUrl(), origin: server.origin, port: server.port, dataDir: core.paths.root })}\n`
        : `  Open: ${server.signInUrl()}\n`,
    );
  if (!values.json) {
    process.stdout.write(
      `\nHearth is running (headless) — data in ${core.paths.root}\n` +
        'The link below signs one browser in and works once. Press Enter for a new link, Ctrl+C to stop.\n\n',
    );
  }
  announce();
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    for (let i = 0; i < chunk.split('\n').length - 1; i++) announce();
  });
  process.stdin.on('error', () => undefined);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    core.logger.info({ signal }, 'stopping');
    await server.close();
    await core.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Hearth could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
