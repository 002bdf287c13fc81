import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { openRoute } from './pageHelpers';

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let files: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
  files = await makeDataDir();
  hearth = await startHearth(dataDir.path);
});
test.afterAll(async () => {
  await hearth?.stop();
  await dataDir?.remove();
  await files?.remove();
});

test('a second browser sees the first one import a model, change a default and a setting, without reloading', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const chat = await createTinyLlamaModel(join(files.path, 'tiny-chat.gguf'), { chatTemplate: 'chatml' });
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const importer = await first.newPage();
    const watcher = await second.newPage();
    await openRoute(watcher, hearth, 'chat');
    await expect(watcher.getByTestId('chat-no-model')).toBeVisible();
    // A reload would lose this marker: it proves the second page stays the same document throughout.
    await watcher.evaluate('window.hearthNoReload = true');

    await openRoute(importer, hearth, 'models');
    await importer.getByTestId('model-import-input').setInputFiles(chat.path);
    await expect(importer.locator('[data-testid^="model-row-"]')).toHaveCount(1, { timeout: 30_000 });

    // The chat screen that said "No chat model yet" now offers the composer.
    await expect(watcher.getByTestId('chat-no-model')).toHaveCount(0);
    await expect(watcher.getByTestId('chat-input')).toBeVisible();
    await watcher.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    const row = watcher.locator('[data-testid^="model-row-"]');
    await expect(row).toHaveCount(1);
    // The uploaded file keeps its own name (not the staging area's "data.gguf").
    await expect(row).toContainText('tiny-chat.gguf');
    await expect(row).toContainText('Default for chat');

    // A default cleared elsewhere reaches this page too: the importer deletes the model.
    await importer.locator('[data-testid^="model-delete-"]').click();
    await importer.getByTestId('confirm-accept').click();
    await expect(row).toHaveCount(0);

    // Settings reach it as well.
    await watcher.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await openRoute(importer, hearth, 'settings');
    const field = importer.getByTestId('setting-answer-max-tokens');
    await field.fill('77');
    await field.press('Enter');
    await expect(importer.getByTestId('settings-saved')).toContainText(/Saved/i);
    await expect(watcher.getByTestId('setting-answer-max-tokens')).toHaveValue('77');
    expect(await watcher.evaluate('window.hearthNoReload')).toBe(true);
  } finally {
    await first.close();
    await second.close();
  }
});
