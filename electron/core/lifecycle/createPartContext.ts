import { mkdir } from 'node:fs/promises';
import { createLogger } from '../logging/createLogger';
import { dataPaths } from '../paths/resolveDataDir';
import type { Platform } from '../platform';
import { EventBus } from '../rpc/EventBus';
import { StreamGauge } from '../rpc/StreamGauge';
import { DisposableStore } from './DisposableStore';
import { PartStarts } from './PartStarts';
import type { CoreSignalMap, PartContext } from './PartContext';
import { TypedEvents } from './TypedEvents';

/** The data folders, the logger and the plumbing every part is built with. */
export async function createPartContext(platform: Platform): Promise<PartContext> {
  const paths = dataPaths(platform.dataDir);
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  for (const dir of [paths.logs, paths.run, paths.staging, paths.audit])
    await mkdir(dir, { recursive: true, mode: 0o700 });
  const logger = createLogger({
    logsDir: paths.logs,
    ...(platform.logLevel ? { level: platform.logLevel } : {}),
    stdout: platform.logToStdout ?? false,
  });
  const disposables = new DisposableStore();
  const events = disposables.add('client events', new EventBus(logger));
  return {
    platform,
    paths,
    logger,
    disposables,
    events,
    // Each part registers its own start's handle, so retries stop before the service they start; this is the net.
    starts: disposables.add('background starts', new PartStarts({ logger, events })),
    signals: disposables.add('internal events', new TypedEvents<CoreSignalMap>({ logger, name: 'core' })),
    streams: new StreamGauge(),
    startedAt: Date.now(),
  };
}
