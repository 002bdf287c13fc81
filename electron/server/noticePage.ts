/** What a notice page says: what happened, in a heading and a sentence, and what to do. */
export interface Notice {
  /** The tab's title. */
  title: string;
  heading: string;
  /** What happened. */
  message: string;
  /** What to do now. */
  advice: string;
}

/**
 * The policy of a notice page, stricter than the app's: no script at all, only Hearth's own stylesheet and icon, no
 * forms, no framing.
 */
export const NOTICE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The stylesheets the built UI's index.html links (vite names them by content hash), as absolute paths, so a notice
 * page served at any address wears the app's own look: its colours, light and dark, and the sign-in panel.
 */
export function stylesheetsOf(indexHtml: string): string[] {
  const hrefs: string[] = [];
  for (const tag of indexHtml.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    // Only the UI's own files: a link elsewhere would not load under the policy anyway.
    if (href && /^(\.\/|\/)(?!\/)[\w./-]+\.css$/.test(href)) hrefs.push(href.replace(/^\.\//, '/'));
  }
  return hrefs;
}

/**
 * A page for a browser that cannot use the app now (a used or expired sign-in link, a UI not built): the app's sign-in
 * panel as static HTML, with the app's stylesheets when there are any. No script, so it works under
 * `NOTICE_CONTENT_SECURITY_POLICY`.
 */
export function noticePage(notice: Notice, stylesheets: readonly string[]): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(notice.title)} · Hearth</title>`,
    '<link rel="icon" type="image/svg+xml" href="/favicon.svg">',
    links,
    '</head><body>',
    '<main class="unauthorized" id="main"><div class="unauthorized__panel" data-notice>',
    '<img class="unauthorized__logo" src="/favicon.svg" alt="" width="40" height="40">',
    `<h1>${escapeHtml(notice.heading)}</h1>`,
    `<p>${escapeHtml(notice.message)}</p>`,
    `<p class="muted">${escapeHtml(notice.advice)}</p>`,
    '</div></main></body></html>',
  ].join('');
}

/** A sign-in link that was used already, or expired (the two cannot be told apart once the token is gone). */
export const USED_SIGN_IN_LINK: Notice = {
  title: 'Sign-in link used',
  heading: 'This sign-in link no longer works',
  message:
    'Each link Hearth prints signs in one browser, once, and only for a short while, so that nobody who sees it ' +
    'later can use it. This one was used already or has expired.',
  advice:
    'For a new link, press Enter in the terminal where Hearth is running, or restart Hearth. Already signed in ' +
    'in another tab? Carry on there.',
};

/** The headless shell started without a built UI (a development checkout). */
export const UI_NOT_BUILT: Notice = {
  title: 'Not built',
  heading: 'The Hearth app is not built',
  message: 'This server has no user interface to show yet.',
  advice: 'Run npm run build:renderer, then reload this page.',
};
