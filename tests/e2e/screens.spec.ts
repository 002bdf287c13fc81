import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot } from '../helpers/tempCore';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';

const SCREENS = [
  { name: 'home', link: 'Home', heading: /Home|Welcome/i },
  { name: 'models', link: 'Models', heading: /Models/i },
  { name: 'library', link: 'Library', heading: /Library/i },
  { name: 'chat', link: 'Chat', heading: /Chat/i },
  { name: 'settings', link: 'Settings', heading: /Settings/i },
  { name: 'diagnostics', link: 'Diagnostics', heading: /Diagnostics/i },
] as const;
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const shots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
  hearth = await startHearth(dataDir.path);
});
test.afterAll(async () => {
  await hearth?.stop();
  await dataDir?.remove();
});

async function signIn(page: Page): Promise<void> {
  // Each test has a fresh browser context, so each needs its own one-time link.
  await page.goto(await hearth.newSignInUrl());
  await expect(page).toHaveURL(`${hearth.origin}/`);
}

test('the sign-in link opens the app and navigation reaches every screen', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const screen of SCREENS) {
    await nav.getByRole('link', { name: screen.link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.heading);
    await expect(nav.getByRole('link', { name: screen.link })).toHaveAttribute('aria-current', 'page');
  }
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Settings/i);
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});

for (const viewport of VIEWPORTS) {
  test(`every screen passes axe and is captured at ${viewport.name} width`, async ({ page }) => {
    // Six screens in two themes, each with an axe run: well over the default minute on a busy 2-core machine.
    test.setTimeout(180_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const screen of SCREENS) {
        await page.goto(`${hearth.origin}/#/${screen.name === 'home' ? '' : screen.name}`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.heading);
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual(
          [],
        );
        // The nav must be reachable at every width (sidebar on desktop, tab bar on phones).
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
        await page.screenshot({ path: join(shots, `${screen.name}-${viewport.name}-${scheme}.png`), fullPage: true });
      }
    }
  });
}

test('the quick prompt route has no app chrome and passes axe at both widths and in both themes', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${hearth.origin}/#/quick`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quick prompt');
      await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
      await expect(page.getByTestId('quick-input')).toBeFocused();
      await expect(page).toHaveTitle(/Quick prompt/);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await page.screenshot({ path: join(shots, `quick-${viewport.name}-${scheme}.png`) });
    }
  }
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});

test('without signing in, the page explains how to sign in', async ({ page }) => {
  await page.goto(`${hearth.origin}/`);
  await expect(page.getByText(/link Hearth printed/i)).toBeVisible();
  await page.screenshot({ path: join(shots, 'signed-out-desktop.png') });
});

test('a used sign-in link shows a page in the app’s look, light and dark, saying what to do, with no script', async ({
  page,
}) => {
  const errors: string[] = [];
  // The 401 itself is logged as a failed load; anything else (a CSP violation, a missing stylesheet) is an error.
  page.on('console', (m) => m.type() === 'error' && !/status of 401/.test(m.text()) && errors.push(m.text()));
  const link = await hearth.newSignInUrl();
  await page.goto(link);
  await expect(page).toHaveURL(`${hearth.origin}/`);
  const again = await page.goto(link);
  expect(again?.status()).toBe(401);
  expect(again?.headers()['content-security-policy']).toContain("default-src 'none'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This sign-in link no longer works');
  await expect(page.getByText('This one was used already or has expired.')).toBeVisible();
  await expect(page.getByText(/press Enter in the terminal where Hearth is running/)).toBeVisible();
  expect(await page.locator('script').count()).toBe(0);
  // The app's stylesheet applies: its page and panel colours in each scheme, the panel centred as on sign-in.
  const colours = `(() => ({
    page: getComputedStyle(document.body).backgroundColor,
    panel: getComputedStyle(document.querySelector('[data-notice]')).backgroundColor,
    font: getComputedStyle(document.body).fontFamily,
  }))()`;
  for (const [scheme, page_, panel] of [
    ['light', 'rgb(245, 245, 247)', 'rgb(255, 255, 255)'],
    ['dark', 'rgb(28, 28, 30)', 'rgb(42, 42, 45)'],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const seen = (await page.evaluate(colours)) as { page: string; panel: string; font: string };
    expect(seen).toMatchObject({ page: page_, panel });
    expect(seen.font).toMatch(/-apple-system/);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: join(shots, `signin-link-used-${scheme}.png`) });
  }
  expect(errors).toEqual([]);
});

test('diagnostics streams live figures and stops on request', async ({ page }) => {
  await signIn(page);
  await page.goto(`${hearth.origin}/#/diagnostics`);
  await page.getByTestId('diag-toggle').click();
  await expect(page.getByTestId('diag-rss')).toHaveText(/\d/);
  await page.getByTestId('diag-toggle').click();
  await expect(page.getByTestId('diag-toggle')).toHaveText(/Start/i);
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-result')).toContainText('Intact: nothing was changed or removed');
  // Plain words first, the technical name small beside it for support: no bare RSS, heap, PID or event loop.
  const live = page.getByTestId('diag-live');
  await expect(live.locator('.metric__label')).toHaveText([
    'Memory in useresident set size',
    'Memory for its own dataJavaScript heap',
    'Delay before it respondsevent-loop delay',
    'Answers and transfers in progressactive streams',
    'Running foruptime',
  ]);
  await expect(live.getByRole('columnheader')).toHaveText([
    'Helper program',
    'State',
    'Process ID',
    'Restarts',
    'Last problem',
  ]);
  await expect(live.getByTestId('child-row-chroma').getByRole('rowheader')).toHaveText('Search index chroma');
  await expect(page.locator('main')).not.toContainText(/\b(RSS|PID|JS heap|Ping|Throughput)\b/);
  await page.getByTestId('conn-test').click();
  await expect(page.getByTestId('conn-test-result')).toContainText('Messages a second');
  await expect(page.getByTestId('conn-test-result')).toContainText('Time for a reply');
});
