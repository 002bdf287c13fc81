import type { Part, PartContext } from '../lifecycle/PartContext';
import { StagingArea } from './StagingArea';

/** Uploads older than this are abandoned: a browser that never used its handle. */
const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Bytes in from browsers: uploads wait here, under a handle, until ingestion or model import adopts them. */
export async function createStagingPart(
  ctx: PartContext,
): Promise<Part<{ staging: StagingArea }, 'staging.stat' | 'staging.discard'>> {
  const staging = ctx.disposables.add('staging', new StagingArea({ dir: ctx.paths.staging }));
  const swept = await staging.sweep(STAGING_MAX_AGE_MS);
  if (swept) ctx.logger.info({ swept }, 'removed stale uploads');
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
