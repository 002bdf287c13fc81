import { mayNamePaths } from '../rpc/Dispatcher';
import type { Part, PartContext } from '../lifecycle/PartContext';
import type { SecretsService } from '../secrets/SecretsService';
import type { Supervisor } from '../supervisor/Supervisor';
import { Diagnostics } from './Diagnostics';

type DiagnosticsChannels =
  'app.info' | 'diagnostics.ping' | 'diagnostics.watch' | 'diagnostics.loopback' | 'core.parts' | 'core.parts.retry';

/** What Hearth is and how it is doing: app.info, live health, background starts and the transport self-test. */
export function createDiagnosticsPart(
  ctx: PartContext,
  deps: { supervisor: Supervisor; secrets: SecretsService },
): Part<{ diagnostics: Diagnostics }, DiagnosticsChannels> {
  const { platform, paths, startedAt } = ctx;
  const diagnostics = ctx.disposables.add(
    'diagnostics',
    new Diagnostics({
      startedAt,
      activeStreams: () => ctx.streams.active,
      children: () => deps.supervisor.list(),
    }),
  );
  return {
    services: { diagnostics },
    handlers: {
      'app.info': (_input, c) => ({
        name: 'Hearth',
        version: platform.appVersion,
        mode: platform.mode,
        platform: platform.os.platform,
        arch: platform.os.arch,
        nodeVersion: platform.os.nodeVersion,
        dataDir: paths.root,
        startedAt,
        keychain: { backend: deps.secrets.kind, warning: deps.secrets.warning },
        localPaths: mayNamePaths(c),
      }),
      'diagnostics.ping': ({ echo }) => ({ echo, at: Date.now() }),
      'core.parts': () => ctx.starts.list(),
      'core.parts.retry': ({ name }) => ctx.starts.retry(name),
      'diagnostics.watch': async ({ intervalMs }, c) => ({
        snapshots: await diagnostics.watch(intervalMs, c.signal, c.emit),
      }),
      'diagnostics.loopback': async ({ count, payloadBytes }, c) => ({
        sent: await diagnostics.loopback(count, payloadBytes, c.signal, c.emit),
      }),
    },
  };
}
