import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createTruncated } from '../fixtures/gguf/badModels';
import { createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { repoRoot } from '../helpers/tempCore';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';

const shots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

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

/** Settings → Answers → Longest answer, saved. */
async function setAnswerLength(page: Page, tokens: string): Promise<void> {
  const field = page.getByTestId('setting-answer-max-tokens');
  await field.fill(tokens);
  await field.press('Enter');
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);
}

async function open(page: Page, route: string): Promise<void> {
  await page.goto(await hearth.newSignInUrl());
  await page.goto(`${hearth.origin}/#/${route}`);
}

test('first run: chat explains what is missing and Models offers the curated list', async ({ page }) => {
  await open(page, 'chat');
  await expect(page.getByTestId('chat-no-model')).toBeVisible();
  await page.getByTestId('chat-no-model-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Models/i);
  const curated = page.getByTestId('models-curated');
  await expect(curated).toBeVisible();
  await expect(curated.locator('[data-testid^="curated-download-"]').first()).toBeVisible();
  await page.screenshot({ path: join(shots, 'models-first-run-desktop.png'), fullPage: true });
});

test('a damaged model file is refused with a message a person understands', async ({ page }) => {
  const bad = await createTruncated(join(files.path, 'broken.gguf'));
  await open(page, 'models');
  await page.getByTestId('model-import-input').setInputFiles(bad);
  await expect(page.getByTestId('import-error')).toContainText(/cut short|damaged|download it again/i);
  await expect(page.locator('[data-testid^="model-row-"]')).toHaveCount(0);
});

test('import a model, make it the default, chat with streamed tokens, and stop', async ({ page }) => {
  test.setTimeout(240_000);
  const model = await createTinyLlamaModel(join(files.path, 'tiny-chat.gguf'), { chatTemplate: 'chatml' });
  await open(page, 'models');
  await page.getByTestId('model-import-input').setInputFiles(model.path);
  const row = page.locator('[data-testid^="model-row-"]');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('model-row-', '');
  // The first chat model becomes the default by itself; the button is then disabled.
  const setDefault = page.getByTestId(`model-default-chat-${id}`);
  if (await setDefault.isEnabled()) await setDefault.click();
  await expect(row).toContainText(/default/i);
  await page.screenshot({ path: join(shots, 'models-desktop.png'), fullPage: true });

  // Nothing is in the library yet: let the model answer on its own, and keep the first answer short (random weights
  // rarely emit EOS); the second one gets a long limit, to be stopped.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('setting-only-documents-off').check();
  await setAnswerLength(page, '24');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  await page.getByTestId('chat-input').fill('hello the document');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-model-badge').first()).toContainText(/tiny|hearth|model/i, { timeout: 60_000 });
  const answer = page.getByTestId('chat-message-assistant').first();
  await expect(answer).not.toHaveText('', { timeout: 60_000 });
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 120_000 });
  // Nothing in the library supports it, and the answer says so.
  await expect(answer.getByTestId('answer-not-grounded')).toContainText('Nothing in your documents answers this.');
  await page.screenshot({ path: join(shots, 'chat-desktop.png'), fullPage: true });

  // Stop: a long answer is cut short on request and the composer is usable again.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await setAnswerLength(page, '4096');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  await page.getByTestId('chat-input').fill('tell me everything about the document search');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-stop')).toBeVisible();
  await expect(page.getByTestId('answer-streaming')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('chat-stop').click();
  await expect(page.getByTestId('chat-stop')).toHaveCount(0);
  await expect(page.getByTestId('chat-input')).toBeEnabled();
  await expect(page.getByTestId('chat-message-assistant')).toHaveCount(2);
  await expect(page.getByTestId('chat-message-assistant').nth(1)).toContainText('Stopped.');
});

test('storage: the header shows service health and Settings says which S3 server runs', async ({ page }) => {
  await open(page, 'settings');
  await expect(page.getByTestId('services-indicator')).toBeVisible();
  await expect(page.getByTestId('storage-objects-kind')).toContainText(/Development S3/i, { timeout: 60_000 });
  await expect(page.getByTestId('storage-locations')).toContainText(/Models/);
});
