import type { MessageBoxOptions } from 'electron';

/** The buttons of the confirmation, in order; `Cancel` is the default so that Return never opens a link. */
export const EXTERNAL_LINK_BUTTONS = ['Open in Browser', 'Cancel'] as const;

/**
 * The question Hearth asks before a link leaves the app. It names the host on its own line, because a long URL
 * can push the real host out of view.
 */
export function externalLinkConfirmation(url: string): MessageBoxOptions {
  const host = new URL(url).host;
  return {
    type: 'question',
    message: `Open ${host} in your browser?`,
    detail: url,
    buttons: [...EXTERNAL_LINK_BUTTONS],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}
