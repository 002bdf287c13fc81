import { flushLogger } from '../logging/createLogger';
import { DisposeError } from './DisposableStore';
import type { PartContext } from './PartContext';

const stopping = new WeakMap<PartContext, Promise<void>>();

/** Disposes every part once (later calls wait for the first), logs each failure by name, then flushes the log. */
export function stopParts(ctx: PartContext, message: string): Promise<void> {
  let done = stopping.get(ctx);
  if (!done) {
    done = (async () => {
      try {
        await ctx.disposables.dispose();
      } catch (error) {
        for (const failure of error instanceof DisposeError ? error.failures : [{ name: 'core', error }])
          ctx.logger.error({ err: failure.error, part: failure.name }, 'a part failed to stop');
      }
      ctx.logger.info(message);
      await flushLogger(ctx.logger);
    })();
    stopping.set(ctx, done);
  }
  return done;
}
