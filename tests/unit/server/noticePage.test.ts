import { describe, expect, it } from 'vitest';
import { noticePage, stylesheetsOf, USED_SIGN_IN_LINK } from '../../../electron/server/noticePage';

describe('stylesheetsOf', () => {
  it("finds the built UI's own stylesheets, as absolute paths, and nothing else", () => {
    const html = [
      '<link rel="icon" type="image/svg+xml" href="./favicon.svg" />',
      '<link rel="stylesheet" crossorigin href="./assets/index-CCMHH6aI.css">',
      "<link href='/assets/extra.css' rel='stylesheet'>",
      '<link rel="stylesheet" href="https://cdn.example/x.css">',
      '<link rel="stylesheet" href="//cdn.example/y.css">',
      '<link rel="preload" href="./assets/font.css">',
    ].join('\n');
    expect(stylesheetsOf(html)).toEqual(['/assets/index-CCMHH6aI.css', '/assets/extra.css']);
    expect(stylesheetsOf('<html></html>')).toEqual([]);
  });
});

describe('noticePage', () => {
  it("is the app's sign-in panel as static HTML: stylesheets, heading, what happened, what to do, no script", () => {
    const html = noticePage(USED_SIGN_IN_LINK, ['/assets/index-1.css']);
    expect(html).toContain('<link rel="stylesheet" href="/assets/index-1.css">');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('<main class="unauthorized" id="main">');
    expect(html).toContain('<h1>This sign-in link no longer works</h1>');
    expect(html).toContain('<p class="muted">For a new link, press Enter');
    expect(html).not.toMatch(/<script|\son\w+=|style=/i);
  });

  it('escapes what it is given', () => {
    const html = noticePage({ title: '<t>', heading: 'a & b', message: '"m"', advice: "<img src=x onerror='x'>" }, [
      '/a".css',
    ]);
    expect(html).toContain('<h1>a &amp; b</h1>');
    expect(html).toContain('&lt;img src=x onerror=&#39;x&#39;&gt;');
    expect(html).toContain('href="/a&quot;.css"');
    expect(html).not.toContain('<t>');
  });
});
