import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
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

async function openConnectApps(page: Page): Promise<void> {
  await page.goto(await hearth.newSignInUrl());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Settings/i);
  await expect(page.getByRole('region', { name: 'Connect other apps' })).toBeVisible();
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('[data-testid="connect-apps-section"]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const models = (secret: string) =>
  fetch(`${hearth.origin}/v1/models`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.status);

test('a key made in Settings is shown once, listed by its prefix, works, and is refused once revoked', async ({
  page,
}) => {
  await openConnectApps(page);
  await expect(page.getByTestId('gateway-openai-url')).toHaveText(`${hearth.origin}/v1`);
  await expect(page.getByTestId('gateway-keys-empty')).toBeVisible();
  await expect(page.getByTestId('gateway-key-limits')).toContainText(/requests a minute/);

  // Keyboard only: name, scopes, create.
  await page.getByTestId('gateway-key-name').fill('Editor plugin');
  await page.getByTestId('gateway-key-name').press('Tab');
  await expect(page.getByTestId('gateway-scope-search')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('gateway-scope-chat')).toBeFocused();
  await page.getByTestId('gateway-key-create').focus();
  await page.keyboard.press('Enter');

  const notice = page.getByTestId('gateway-new-key');
  await expect(notice).toContainText('you won’t see it again');
  const value = page.getByTestId('gateway-new-key-value');
  await expect(value).toBeFocused();
  const secret = await value.inputValue();
  expect(secret).toMatch(/^hk_live_[a-z0-9]{8}/);
  await expectNoSeriousAxeViolations(page);
  expect(await models(secret)).toBe(200);

  await page.getByTestId('gateway-new-key-done').click();
  await expect(notice).toHaveCount(0);
  const list = page.getByTestId('gateway-key-list');
  await expect(list).toContainText('Editor plugin');
  await expect(list).toContainText(secret.slice(0, 16));
  await expect(list).toContainText('search, chat');
  expect(await page.content()).not.toContain(secret);

  // The use shows after a reload of the list.
  await page.reload();
  await expect(page.getByTestId('gateway-key-list')).toContainText(/1 request, last/);

  await page.getByTestId('gateway-key-list').getByTestId('gateway-key-revoke').click();
  await expect(page.getByRole('dialog')).toContainText('Revoke “Editor plugin”?');
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('gateway-key-state')).toContainText('Revoked');
  await expect(page.getByTestId('gateway-key-revoke')).toHaveCount(0);
  expect(await models(secret)).toBe(401);
  await expectNoSeriousAxeViolations(page);
});

test('rotating a key shows the new one once and keeps the old one working through its grace period', async ({
  page,
}) => {
  await openConnectApps(page);
  await page.getByTestId('gateway-key-name').fill('CI');
  await page.getByTestId('gateway-key-create').click();
  const first = await page.getByTestId('gateway-new-key-value').inputValue();
  await page.getByTestId('gateway-new-key-done').click();

  await page.getByTestId('gateway-key-rotate').click();
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('gateway-new-key')).toContainText(/The key it replaces works until/);
  const second = await page.getByTestId('gateway-new-key-value').inputValue();
  expect(second).not.toBe(first);
  expect(await models(first)).toBe(200);
  expect(await models(second)).toBe(200);
  await page.getByTestId('gateway-new-key-done').click();
  await expect(page.getByTestId('gateway-key-list').getByTestId('gateway-key-state').first()).toContainText(
    /Works until|Active/,
  );
  await expect(page.getByTestId('gateway-key-list')).toContainText(/Works until .* \(rotated\)/);
});
