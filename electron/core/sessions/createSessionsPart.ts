import type { Part, PartContext } from '../lifecycle/PartContext';
import { BrowserSignOut } from './BrowserSignOut';

/** Browser sessions of the headless shell, as far as the contract reaches them: signing them all out. */
export function createSessionsPart(ctx: PartContext): Part<{ browserSignOut: BrowserSignOut }, 'sessions.signOutAll'> {
  const browserSignOut = new BrowserSignOut();
  return {
    services: { browserSignOut },
    handlers: {
      'sessions.signOutAll': async () => {
        const signedOut = await browserSignOut.signOutAll();
        ctx.logger.info({ signedOut }, 'signed out every browser');
        return { signedOut };
      },
    },
  };
}
