import { HearthError } from '../../../shared/errors';
import type { SupervisedChild } from '../../supervisor';

/** Resolves once a (re)starting child is running; SIDECAR_DOWN if it fails, is stopped, or takes too long. */
export function waitForRunning(child: SupervisedChild, timeoutMs: number): Promise<SupervisedChild> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new HearthError('SIDECAR_DOWN', `${child.name} did not come back within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    const subscription = child.onStatus((status) => {
      if (status.state === 'running') {
        clearTimeout(timer);
        subscription.dispose();
        resolve(child);
      } else if (status.state === 'failed' || status.state === 'stopped') {
        clearTimeout(timer);
        subscription.dispose();
        reject(new HearthError('SIDECAR_DOWN', status.lastError ?? `${child.name} stopped.`));
      }
    });
  });
}
