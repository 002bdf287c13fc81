import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createTruncated } from '../fixtures/gguf/badModels';
import { createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { openRoute, screenshotDir } from './pageHelpers';

const shots = screenshotDir;

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

const open = (page: Page, route: string): Promise<void> => openRoute(page, hearth, route);

test('first run: chat explains what is missing and Models offers the curated list', async ({ page }) => {
  await open(page, 'chat');
  await expect(page.getByTestId('chat-no-model')).toBeVisible();
  await page.getByTestId('chat-no-model-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Models/i);
  const curated = page.getByTestId('models-curated');
  await expect(curated).toBeVisible();
  await expect(curated.locator('[data-testid^="curated-download-"]').first()).toBeVisible();
  await page.screenshot({ path: join(shots, 'models-first-run-desktop.png'), fullPage: true });
  // A 37 MB embedding model is said to need what it takes while it runs (file, context, buffers), not gigabytes.
  await curated.getByTestId('curated-download-bge-small-en-v1.5-q8_0').click();
  await expect(page.getByTestId('curated-confirm-memory')).toHaveText(
    'BGE Small English v1.5 will be saved in Hearth’s data folder. It needs about 115 MB of memory while it runs.',
  );
  await page.getByTestId('confirm-cancel').click();
  // A chat model also says which computers it suits.
  await curated.getByTestId('curated-download-qwen2.5-0.5b-instruct-q4_k_m').click();
  await expect(page.getByTestId('curated-confirm-memory')).toHaveText(
    /It needs about [\d.]+ MB of memory while it runs, and runs best on a computer with [\d.]+ GB or more\.$/,
  );
  await page.getByTestId('confirm-cancel').click();
});

test('a damaged model file is refused with a message a person understands', async ({ page }) => {
  const bad = await createTruncated(join(files.path, 'broken.gguf'));
  await open(page, 'models');
  await page.getByTestId('model-import-input').setInputFiles(bad);
  await expect(page.getByTestId('import-error')).toContainText(/cut short|damaged|download it again/i);
  await expect(page.locator('[data-testid^="model-row-"]')).toHaveCount(0);
});

test('import two models, make the second the default, chat with streamed tokens, and stop', async ({ page }) => {
  test.setTimeout(240_000);
  const first = await createTinyLlamaModel(join(files.path, 'tiny-chat.gguf'), { chatTemplate: 'chatml' });
  const second = await createTinyLlamaModel(join(files.path, 'tiny-chat-second.gguf'), {
    chatTemplate: 'chatml',
    seed: 2,
    name: 'hearth-second-chat',
  });
  await open(page, 'models');
  const rows = page.locator('[data-testid^="model-row-"]');
  const rowId = async (row: Locator) => ((await row.getAttribute('data-testid')) ?? '').replace('model-row-', '');
  await page.getByTestId('model-import-input').setInputFiles(first.path);
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  const firstId = await rowId(rows.first());
  await page.getByTestId('model-import-input').setInputFiles(second.path);
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  const secondId = await rowId(rows.filter({ hasText: 'hearth-second-chat' }));
  expect(secondId).not.toBe(firstId);
  const firstRow = page.getByTestId(`model-row-${firstId}`);
  const secondRow = page.getByTestId(`model-row-${secondId}`);

  // The first chat model became the default by itself; the second one is chosen by hand and the badge moves.
  await expect(firstRow).toContainText('Default for chat');
  await expect(secondRow).not.toContainText('Default for chat');
  await expect(page.getByTestId(`model-default-chat-${firstId}`)).toBeDisabled();
  await page.getByTestId(`model-default-chat-${secondId}`).click();
  await expect(secondRow).toContainText('Default for chat');
  await expect(firstRow).not.toContainText('Default for chat');
  await expect(page.getByTestId(`model-default-chat-${secondId}`)).toBeDisabled();
  await expect(page.getByTestId(`model-default-chat-${firstId}`)).toBeEnabled();
  await page.screenshot({ path: join(shots, 'models-desktop.png'), fullPage: true });

  // Nothing is in the library yet: let the model answer on its own, and keep the first answer short (random weights
  // rarely emit EOS); the second one gets a long limit, to be stopped.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('setting-only-documents-off').check();
  await setAnswerLength(page, '24');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  await page.getByTestId('chat-input').fill('hello the document');
  await page.getByTestId('chat-send').click();
  const answer = page.getByTestId('chat-message-assistant').first();
  // The model chosen as the default is the one that answered (the badge comes with the finished answer).
  await expect(answer.getByTestId('chat-model-badge')).toHaveText(/hearth-second-chat/, { timeout: 120_000 });
  await expect(page.getByTestId('chat-stop')).toHaveCount(0);
  await expect(answer).not.toHaveText('');
  // Nothing in the library supports it, and the answer says so.
  await expect(answer.getByTestId('answer-not-grounded')).toContainText('Nothing in your documents answers this.');
  await page.screenshot({ path: join(shots, 'chat-desktop.png'), fullPage: true });

  // Stop: a long answer streams in token by token, is cut short on request and the composer is usable again.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await setAnswerLength(page, '4096');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  await page.getByTestId('chat-input').fill('tell me everything about the document search');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-stop')).toBeVisible();
  const streaming = page.getByTestId('answer-streaming');
  await expect(streaming).toBeVisible({ timeout: 60_000 });
  // Sampled while it streams: the same element shows a growing text, not one text delivered at the end.
  const lengths: number[] = [];
  await expect
    .poll(
      async () => {
        const length = ((await streaming.textContent({ timeout: 1_000 })) ?? '').length;
        if (length > 0 && !lengths.includes(length)) lengths.push(length);
        return lengths.length;
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBeGreaterThanOrEqual(3);
  expect(lengths.at(-1)).toBeGreaterThan(lengths[0] ?? Infinity);
  await expect(page.getByTestId('chat-stop')).toBeVisible();
  await page.getByTestId('chat-stop').click();
  await expect(page.getByTestId('chat-stop')).toHaveCount(0);
  await expect(page.getByTestId('chat-input')).toBeEnabled();
  await expect(page.getByTestId('chat-message-assistant')).toHaveCount(2);
  const stopped = page.getByTestId('chat-message-assistant').nth(1);
  await expect(stopped).toContainText('Stopped.');
  await expect(stopped.getByTestId('chat-model-badge')).toHaveText(/hearth-second-chat/);
});

test('storage: the header shows service health and Settings says which S3 server runs', async ({ page }) => {
  await open(page, 'settings');
  await expect(page.getByTestId('services-indicator')).toBeVisible();
  await expect(page.getByTestId('storage-objects-kind')).toContainText(/Development S3/i, { timeout: 60_000 });
  // Why, said once and in plain words: MinIO is missing, what keeps the originals instead, and that this is fine.
  await expect(page.getByTestId('storage-objects-note')).toHaveText(
    'MinIO is not installed here, so the development S3 server keeps your original files: fine for trying Hearth (the Mac app includes MinIO).',
  );
  expect(((await page.getByTestId('storage-status').textContent()) ?? '').match(/not installed|binary/gi)).toEqual([
    'not installed',
  ]);
  await expect(page.getByTestId('storage-locations')).toContainText(/Models/);
});
