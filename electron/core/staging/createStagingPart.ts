import type { Part, PartContext } from '../lifecycle/PartContext';
import { StagingArea } from './StagingArea';

/** Uploads older than this are abandoned: a browser that never used its handle. */
const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** How often abandoned uploads are looked for while Hearth runs (a headless server may run for months). */
export const STAGING_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Bytes in from browsers: uploads wait here, under a handle, until ingestion or model import adopts them. */
export async function createStagingPart(
  ctx: PartContext,
): Promise<Part<{ staging: StagingArea }, 'staging.stat' | 'staging.discard'>> {
  const staging = ctx.disposables.add('staging', new StagingArea({ dir: ctx.paths.staging }));
  const sweep = async () => {
    const swept = await staging.sweep(STAGING_MAX_AGE_MS);
    if (swept) ctx.logger.info({ swept }, 'removed stale uploads');
  };
  await sweep();
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => ctx.logger.warn({ err: error }, 'sweeping stale uploads failed'));
  }, STAGING_SWEEP_INTERVAL_MS);
  timer.unref();
  ctx.disposables.defer('staging sweep', () => clearInterval(timer));
  return {
    services: { staging },
    handlers: {
      'staging.stat': async ({ handle }) => {
        const { path: _path, ...meta } = await staging.resolve(handle);
        return meta;
      },
      'staging.discard': async ({ handle }) => ({ discarded: await staging.discard(handle) }),
    },
  };
}
