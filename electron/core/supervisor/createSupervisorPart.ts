import type { Part, PartContext } from '../lifecycle/PartContext';
import { Supervisor } from './Supervisor';

/** Child processes (Chroma, the S3 server, the inference worker); stale ones from a crashed run are reaped first. */
export async function createSupervisorPart(
  ctx: PartContext,
): Promise<Part<{ supervisor: Supervisor }, 'supervisor.list'>> {
  const { platform, paths, logger, events } = ctx;
  const supervisor = ctx.disposables.add(
    'supervisor',
    new Supervisor({
      runDir: paths.run,
      watchdogPath: platform.watchdogPath,
      node: platform.node,
      logger,
      onStatus: (status) => events.emit('supervisor.status', status),
    }),
  );
  const reaped = await supervisor.reapStale();
  if (reaped.reaped.length) logger.warn({ pids: reaped.reaped }, 'stopped children left over from a previous run');
  return { services: { supervisor }, handlers: { 'supervisor.list': () => supervisor.list() } };
}
