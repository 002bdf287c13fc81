import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makePdf } from '../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectNoSeriousAxe, openRoute, screenshotDir, shot } from './pageHelpers';

const shots = screenshotDir;

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let files: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.describe.configure({ mode: 'serial' });

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

/** Words of the tiny models' vocabulary, so both keyword and vector search can find page 2 only. */
const PAGES = [
  'The school children read a book about music and science.',
  'The river water runs past the old farm house near the city.',
  'A small animal eats food under the tree in the sun.',
];
const QUESTION = 'Where does the river water run near the farm?';

const open = (page: Page, route: string): Promise<void> => openRoute(page, hearth, route);

/** Records every length the streaming answer's text takes, to prove it grew in steps rather than all at once. */
async function watchStreaming(page: Page): Promise<void> {
  // Runs in the page (a string: the test code is type-checked without the DOM library).
  await page.evaluate(`(() => {
    window.streamLengths = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="answer-streaming"]');
      const length = el?.textContent?.length ?? 0;
      if (length > 0 && window.streamLengths.at(-1) !== length) window.streamLengths.push(length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

const streamLengths = (page: Page) => page.evaluate('window.streamLengths') as Promise<number[]>;

const assistant = (page: Page) => page.getByTestId('chat-message-assistant');
const page2Chip = (page: Page) => page.getByTestId('source-chip').filter({ hasText: 'report.pdf p. 2' });

/** Uncaught errors and console errors (CSP violations included) seen by the page. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Imports a model through the Models screen and makes it the default for its role. */
async function importModel(page: Page, path: string, role: 'chat' | 'embedding'): Promise<void> {
  const rows = page.locator('[data-testid^="model-row-"]');
  const before = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  await page.getByTestId('model-import-input').setInputFiles(path);
  await expect(rows).toHaveCount(before.length + 1, { timeout: 30_000 });
  const after = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  const testId = after.find((t) => !before.includes(t)) ?? '';
  const id = testId.replace('model-row-', '');
  const setDefault = page.getByTestId(`model-default-${role}-${id}`);
  if (await setDefault.isEnabled()) await setDefault.click();
  await expect(page.getByTestId(testId)).toContainText(
    role === 'embedding' ? 'Default for embeddings' : 'Default for chat',
  );
}

test('ingest a PDF, ask, stream, open the cited page, regenerate, edit, export', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  const embedding = await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'));
  const chat = await createTinyLlamaModel(join(files.path, 'tiny-chat.gguf'), { chatTemplate: 'chatml' });
  await open(page, 'models');
  await importModel(page, embedding.path, 'embedding');
  await importModel(page, chat.path, 'chat');

  // Random weights rarely emit EOS: keep answers short (the quick prompt gets half).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const maxTokens = page.getByTestId('setting-answer-max-tokens');
  await maxTokens.fill('40');
  await maxTokens.press('Enter');
  await expect(maxTokens).toHaveValue('40');
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);

  // A three-page PDF through the Library's file picker.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByTestId('library-blocker')).toHaveCount(0);
  const pdf = await makePdf(PAGES, 'Report');
  await page
    .getByTestId('library-add-input')
    .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(page.locator('[data-testid^="library-doc-"][data-name="report.pdf"]')).toContainText('Indexed', {
    timeout: 180_000,
  });

  // Ask: the agent's steps, then the words as they stream (⌘/Ctrl+Enter sends).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  await expect(page.getByTestId('chat-empty')).toContainText('Ask your documents');
  await watchStreaming(page);
  await page.getByTestId('chat-input').fill(QUESTION);
  await page.getByTestId('chat-input').press('Control+Enter');
  await expect(page.getByTestId('chat-message-user')).toHaveText(new RegExp(QUESTION.replace('?', '\\?')));
  await expect(page.getByTestId('chat-stop')).toBeVisible();
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 180_000 });
  expect((await streamLengths(page)).length, 'the answer grew in several steps').toBeGreaterThan(1);
  await expect(page).toHaveURL(/#\/chat\/[a-z0-9-]+$/);
  const conversationUrl = page.url();

  // The sources: page 2 of report.pdf, the page holding the question's words.
  await expect(assistant(page)).toHaveCount(1);
  await expect(page2Chip(page)).toHaveCount(1);
  await expect(page.getByTestId('chat-model-badge')).toContainText(/tiny/i);
  await expect(page.getByTestId('conversation-list')).toContainText('Where does the river water run');
  await shot(page, 'answers-chat-desktop.png');

  // The viewer: page 2 drawn by pdf.js, the passage marked on it; Esc closes and focus returns to the chip.
  await page2Chip(page).click();
  const viewer = page.getByTestId('citation-viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('heading', { name: /report\.pdf/ })).toBeVisible();
  const canvas = viewer.getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  await expect(canvas).toHaveAttribute('data-page', '2');
  await expect(viewer.getByText('Page 2 of 3')).toBeVisible();
  const marked = viewer.getByTestId('passage-highlight');
  await expect(marked.first()).toBeVisible();
  await expect(marked.first()).toContainText(/river/);
  expect(
    await viewer.locator('.textLayer span:not([data-testid="passage-highlight"])').allTextContents(),
  ).not.toContain(PAGES[0]);
  await expect(viewer.getByTestId('viewer-open-original')).toHaveAttribute('href', /^\/api\/originals\//);
  await page.screenshot({ path: join(shots, 'answers-viewer-desktop.png') });
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  // The original the link opens is served, with Range support, to this signed-in browser.
  const href = (await viewer.getByTestId('viewer-open-original').getAttribute('href')) ?? '';
  const ranged = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { range: 'bytes=0-4' } });
    return { status: response.status, text: await response.text() };
  }, href);
  expect(ranged).toEqual({ status: 206, text: '%PDF-' });
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(page2Chip(page)).toBeFocused();

  // Regenerate: a new answer replaces the last one.
  const firstId = await assistant(page).getAttribute('data-message-id');
  await page.getByTestId('answer-regenerate').click();
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 180_000 });
  await expect(assistant(page)).toHaveCount(1);
  await expect(assistant(page)).not.toHaveAttribute('data-message-id', firstId ?? '');
  await expect(page2Chip(page)).toHaveCount(1);

  // Edit and resend: the question is replaced, and so is its answer.
  await page.getByTestId('message-edit').click();
  await page.getByTestId('message-edit-input').fill('Does the river water run past the farm house?');
  await page.getByTestId('message-edit-send').click();
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 180_000 });
  await expect(page.getByTestId('chat-message-user')).toHaveCount(1);
  await expect(page.getByTestId('chat-message-user')).toContainText('past the farm house');
  await expect(assistant(page)).toHaveCount(1);

  // Export: the conversation as a Markdown file.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('conversation-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile((await download.path()) ?? '', 'utf8');
  expect(markdown).toContain('Does the river water run past the farm house?');
  expect(markdown).toContain('**Hearth:**');
  // Each answer carries its sources: file, page and passage.
  expect(markdown).toMatch(/^\d+\. report\.pdf, page 2 — “.*river.*”$/m);

  // The Chat screen with a conversation passes axe in both themes, and is captured on a phone too.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousAxe(page);
  }
  await shot(page, 'answers-chat-dark-desktop.png');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'answers-chat-phone.png');
  await page.setViewportSize({ width: 1280, height: 800 });

  // After a reload the address still opens this conversation.
  await page.goto(conversationUrl);
  await page.reload();
  await expect(page.getByTestId('chat-message-user')).toContainText('past the farm house');
  await expect(page2Chip(page)).toHaveCount(1);
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});

test('rename, search and delete conversations', async ({ page }) => {
  await open(page, 'chat');
  const list = page.getByTestId('conversation-list');
  await expect(list.getByRole('link')).toHaveCount(1);
  await list.getByRole('link').first().click();
  await expect(page.getByTestId('conversation-title')).toContainText('Where does the river');

  await page.getByTestId('conversation-rename').click();
  await page.getByTestId('conversation-title-input').fill('River questions');
  await page.getByTestId('conversation-title-input').press('Enter');
  await expect(page.getByTestId('conversation-title')).toHaveText('River questions');
  await expect(list).toContainText('River questions');

  await page.getByTestId('conversation-search').fill('nothing-like-this');
  await expect(page.getByText('No conversation matches.')).toBeVisible();
  await page.getByTestId('conversation-search').fill('farm');
  await expect(list.getByRole('link')).toHaveCount(1);

  await page.getByTestId('conversation-delete').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Delete “River questions”?');
  await page.getByTestId('confirm-accept').click();
  await expect(page).toHaveURL(/#\/chat$/);
  await expect(page.getByTestId('conversation-list')).toHaveCount(0);
  await expect(page.getByTestId('chat-empty')).toBeVisible();
});

test('quick prompt: a compact route that answers with a citation and continues in Hearth', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.setViewportSize({ width: 640, height: 480 });
  await open(page, 'quick');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByTestId('quick-input')).toBeFocused();
  await page.getByTestId('quick-input').fill(QUESTION);
  await page.getByTestId('quick-input').press('Enter');
  const answer = page.getByTestId('quick-answer');
  await expect(answer).toBeVisible();
  await expect(page.getByTestId('quick-open-in-hearth')).toBeVisible({ timeout: 180_000 });
  await expect(page2Chip(page)).toHaveCount(1);
  await expectNoSeriousAxe(page);
  await page.screenshot({ path: join(shots, 'quick-prompt.png'), fullPage: true });

  // A chip opens the same viewer.
  await page2Chip(page).click();
  await expect(page.getByTestId('pdf-canvas')).toHaveAttribute('data-page', '2', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('citation-viewer')).toHaveCount(0);

  await page.getByTestId('quick-open-in-hearth').click();
  await expect(page).toHaveURL(/#\/chat\/[a-z0-9-]+$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByTestId('chat-message-user')).toHaveText(/river water run near the farm/);
  await expect(page2Chip(page)).toHaveCount(1);

  // Esc clears the quick prompt.
  await page.goto(`${hearth.origin}/#/quick`);
  await page.getByTestId('quick-input').fill('something');
  await page.getByTestId('quick-input').press('Escape');
  await expect(page.getByTestId('quick-input')).toHaveValue('');
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});

test('a question nothing in the library answers is shown as a notice, not an answer', async ({ page }) => {
  await open(page, 'chat');
  await page.getByTestId('chat-input').fill('What colour is the paper?');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('answer-not-grounded')).toContainText('Nothing in your documents answers this.', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('source-chip')).toHaveCount(0);
  await expectNoSeriousAxe(page);
});

test('a Markdown source opens as its text with line numbers and the cited lines marked', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  const notes = [
    '# Garden notes',
    '',
    'A list of things to do at home this year.',
    '',
    '## Trees',
    '',
    'The apple tree by the river needs more sun and water.',
    'Plant a second tree near the farm gate.',
    '',
  ].join('\n');
  await open(page, 'library');
  await page
    .getByTestId('library-add-input')
    .setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from(notes) });
  await expect(page.locator('[data-testid^="library-doc-"][data-name="notes.md"]')).toContainText('Indexed', {
    timeout: 180_000,
  });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
  await page.getByTestId('chat-input').fill('Which tree needs more sun and water?');
  await page.getByTestId('chat-send').click();
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 180_000 });
  const chip = page.getByTestId('source-chip').filter({ hasText: /notes\.md lines? \d/ });
  await expect(chip.first()).toBeVisible();
  await chip.first().click();

  const viewer = page.getByTestId('citation-viewer');
  await expect(viewer.getByTestId('viewer-text')).toBeVisible({ timeout: 30_000 });
  const marked = viewer.getByTestId('line-highlight');
  await expect(marked.first()).toBeVisible();
  await expect(viewer.getByTestId('viewer-text')).toContainText('The apple tree by the river');
  expect((await marked.allTextContents()).join('\n')).toContain('apple tree');
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  await page.screenshot({ path: join(shots, 'answers-viewer-text-desktop.png') });
  await viewer.getByTestId('viewer-close').click();
  await expect(viewer).toHaveCount(0);
  await expect(chip.first()).toBeFocused();
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});
