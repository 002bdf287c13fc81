import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectAccessible, openRoute, shot } from './pageHelpers';

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

const step = (page: Page, id: string) => page.getByTestId(`setup-step-${id}`);

async function expectStates(page: Page, states: Record<string, string>): Promise<void> {
  for (const [id, state] of Object.entries(states)) await expect(step(page, id)).toHaveAttribute('data-state', state);
}

test('Home walks a new library from nothing to a first answer, each step ticking itself off', async ({ page }) => {
  test.setTimeout(300_000);
  const chat = await createTinyLlamaModel(join(files.path, 'tiny-chat.gguf'), { chatTemplate: 'chatml' });
  const embedding = await createLexicalEmbeddingModel(join(files.path, 'word-vectors.gguf'));
  await openRoute(page, hearth, '');

  // Nothing yet: the first step is the chat model; version, data folder and services live in Diagnostics now.
  const checklist = page.getByTestId('setup-checklist');
  await expect(checklist).toBeVisible();
  await expect(page.getByTestId('setup-progress')).toHaveText('0 of 4 done.');
  await expectStates(page, { chat: 'current', embedding: 'todo', documents: 'todo', ask: 'todo' });
  await expect(page.getByTestId('app-info-card')).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'setup-start-desktop.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await shot(page, 'setup-start-phone.png');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The recommended pair names what it fetches, from where, and how much, before anything is downloaded.
  await page.getByTestId('setup-recommended').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(/Download .* from huggingface\.co\?/);
  await expect(dialog.getByTestId('setup-recommended-list').locator('li')).toHaveCount(2);
  await expect(dialog).toContainText('chat,');
  await expect(dialog).toContainText('embedding,');
  await page.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);

  // 1 and 2: the models, imported right here.
  await page.getByTestId('model-import-input').setInputFiles(chat.path);
  await expectStates(page, { chat: 'done', embedding: 'current' });
  await page.getByTestId('model-import-input').setInputFiles(embedding.path);
  await expectStates(page, { chat: 'done', embedding: 'done', documents: 'current', ask: 'todo' });
  await expect(page.getByTestId('setup-progress')).toHaveText('2 of 4 done.');

  // Random weights rarely stop on their own: a short answer keeps the test quick.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const maxTokens = page.getByTestId('setting-answer-max-tokens');
  await maxTokens.fill('24');
  await maxTokens.press('Enter');
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();

  // 3: a document, added from Home.
  await page.getByTestId('library-add-input').setInputFiles({
    name: 'farm.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('The river water runs past the old farm house near the city.\n'),
  });
  await expect(step(page, 'documents')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(page.getByTestId('setup-status-documents')).toHaveText('1 document ready to search.');
  await expectStates(page, { ask: 'current' });

  // 4: ask.
  await page.getByTestId('setup-ask').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chat');
  await page.getByTestId('chat-input').fill('Where does the river water run?');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-message-assistant')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 120_000 });

  // Done: Home stops being a checklist and says where to go.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(checklist).toHaveCount(0);
  await expect(page.getByTestId('home-library-count')).toHaveText(/1 document indexed/);

  // The Models screen keeps the suggestions, collapsed, under the installed models.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
  const catalogue = page.getByTestId('models-curated');
  await expect(catalogue).toBeVisible();
  await expect(catalogue).not.toHaveAttribute('open');
  await catalogue.locator('summary').click();
  await expect(catalogue.locator('[data-testid^="curated-download-"]').first()).toBeVisible();

  // About this Hearth and the background services are on Diagnostics.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diagnostics' }).click();
  await expect(page.getByTestId('app-info-card')).toBeVisible();
  await expect(page.getByTestId('services-card')).toBeVisible();
});
