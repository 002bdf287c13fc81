import { AsyncEntry } from '@napi-rs/keyring';
import { expect, test, type Page } from '@playwright/test';
import { resolveDataDir } from '../../electron/core/paths/resolveDataDir';
import { keychainServiceName } from '../../electron/core/secrets/keychainServiceName';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.beforeEach(async () => {
  dataDir = await makeDataDir();
  hearth = await startHearth(dataDir.path);
});
test.afterEach(async () => {
  await hearth?.stop();
  await dataDir?.remove();
});

async function openSettings(page: Page, running: RunningHearth): Promise<void> {
  await page.goto(await running.newSignInUrl());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Settings/i);
}

test('a secret saved in the UI is in the real keychain, never shown, and gone after delete', async ({ page }) => {
  const service = keychainServiceName(dataDir.path, resolveDataDir({ env: {} }));
  const value = 'sk-e2e-7f3a9c';
  await openSettings(page, hearth);
  await page.getByTestId('secret-name-input').fill('e2e-api-key');
  await page.getByTestId('secret-value-input').fill(value);
  await page.getByTestId('secret-save').click();

  const row = page.getByTestId('secret-row-e2e-api-key');
  await expect(row).toBeVisible();
  await expect(row).toContainText(/Keychain/i);
  await expect(page.getByTestId('secret-value-input')).toHaveValue('');
  expect(await page.content()).not.toContain(value);
  expect(await new AsyncEntry(service, 'e2e-api-key').getPassword()).toBe(value);

  await page.getByTestId('secret-delete-e2e-api-key').click();
  await page.getByTestId('confirm-accept').click();
  await expect(row).toHaveCount(0);
  expect(await new AsyncEntry(service, 'e2e-api-key').getPassword()).toBeNull();
});

test('a setting changed in the UI survives a restart of the shell', async ({ page }) => {
  await openSettings(page, hearth);
  await page.getByTestId('setting-theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const threads = page.getByTestId('setting-threads');
  await threads.fill('6');
  await threads.press('Enter');
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);

  await hearth.stop();
  hearth = await startHearth(dataDir.path);
  await openSettings(page, hearth);
  await expect(page.getByTestId('setting-theme-dark')).toBeChecked();
  await expect(page.getByTestId('setting-threads')).toHaveValue('6');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an invalid value is explained and not saved', async ({ page }) => {
  await openSettings(page, hearth);
  const threads = page.getByTestId('setting-threads');
  await threads.fill('0');
  await threads.press('Enter');
  await expect(page.getByTestId('setting-threads-error')).toHaveText(/at least 1|between 1 and 64|minimum/i);
  await expect(threads).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await expect(page.getByTestId('setting-threads')).toHaveValue('2');
});

test('"Sign out all browsers" signs out this browser and another one, and a new link signs in again', async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await otherPage.goto(await hearth.newSignInUrl());
    await expect(otherPage.getByTestId('connection-state')).toContainText('Connected');
    await openSettings(page, hearth);
    await expect(page.getByTestId('connection-state')).toContainText('Connected');

    await page.getByTestId('server-sign-out-all').click();
    await expect(page.getByRole('dialog', { name: 'Sign out all browsers?' })).toBeVisible();
    await page.getByTestId('confirm-accept').click();

    const signInAgain = (p: Page) => expect(p.getByRole('heading', { level: 1 })).toHaveText('Sign in to Hearth');
    await signInAgain(page);
    await signInAgain(otherPage);
    // The cookies themselves are dead: a reload stays signed out, and the API refuses them.
    await otherPage.reload();
    await signInAgain(otherPage);
    const status = await otherPage.evaluate(async () => (await fetch('/api/originals/none')).status);
    expect(status).toBe(401);

    await page.goto(await hearth.newSignInUrl());
    await expect(page.getByTestId('connection-state')).toContainText('Connected');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  } finally {
    await other.close();
  }
});
