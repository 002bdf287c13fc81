import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let backups: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.beforeEach(async () => {
  dataDir = await makeDataDir();
  backups = await makeDataDir();
  hearth = await startHearth(dataDir.path);
});
test.afterEach(async () => {
  await hearth?.stop();
  await dataDir?.remove();
  await backups?.remove();
});

test('Settings → Library → Backups: back up to a folder, list it, verify it, restore it after confirming', async ({
  page,
}) => {
  const key = 'e2e backup key 5d1c';
  await page.goto(await hearth.newSignInUrl());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const card = page.getByTestId('backups-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('backup-now')).toBeDisabled();

  await card.getByTestId('backup-kind-folder').check();
  await card.getByTestId('backup-folder').fill(backups.path);
  await card.getByTestId('backup-key').fill(key);
  await card.getByTestId('backup-save').click();
  await expect(card.getByTestId('backup-key')).toHaveValue('');
  await expect(card.getByText('Backup key (saved; type to replace)')).toBeVisible();

  await card.getByTestId('backup-now').click();
  const row = card.getByTestId('backup-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('0 documents');
  expect(await readdir(join(backups.path, 'hearth-backup'))).toEqual(
    expect.arrayContaining(['repo.json', 'pieces', 'snapshots']),
  );

  await card.screenshot({ path: 'test-results/e2e-artifacts/backups-card.png' });
  await row.getByTestId('backup-verify').click();
  await expect(page.getByText(/Backup checked: all \d+ pieces are intact/)).toBeVisible();

  await row.getByTestId('backup-restore').click();
  await page.getByTestId('backup-restore-key').fill('not the key');
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByText(/backup key does not open the backup/i)).toBeVisible();
  // The first dialog must be gone before Restore… opens the next one (a click while it closes can be lost).
  await expect(page.getByTestId('confirm-accept')).toHaveCount(0);

  await row.getByTestId('backup-restore').click();
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByText(/Restored 0 documents and 0 conversations/)).toBeVisible();
  expect(await page.content()).not.toContain(key);
});
