import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CODE_FIXTURES } from '../fixtures/code/codeFixtures';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectNoSeriousAxe, openRoute, screenshotDir, shot } from './pageHelpers';

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let files: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;
const ts = CODE_FIXTURES.find((f) => f.language === 'typescript')!;

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

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** Imports a model through the Models screen and makes it the default for its role. */
async function importModel(page: Page, path: string, role: 'chat' | 'embedding'): Promise<void> {
  const rows = page.locator('[data-testid^="model-row-"]');
  const before = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  await page.getByTestId('model-import-input').setInputFiles(path);
  await expect(rows).toHaveCount(before.length + 1, { timeout: 30_000 });
  const after = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  const id = (after.find((t) => !before.includes(t)) ?? '').replace('model-row-', '');
  const setDefault = page.getByTestId(`model-default-${role}-${id}`);
  if (await setDefault.isEnabled()) await setDefault.click();
}

async function ask(page: Page, question: string): Promise<void> {
  await nav(page, 'Chat').click();
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-input').press('Control+Enter');
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 120_000 });
}

/** Clicks the middle of `word` in the source line holding `lineText` (a monospace font: equal character widths). */
async function clickWord(page: Page, viewer: Locator, lineText: string, word: string): Promise<void> {
  const line = viewer.locator('.source-line__text', { hasText: lineText }).first();
  const text = (await line.textContent()) ?? '';
  const box = (await line.boundingBox())!;
  const at = text.indexOf(word) + 1;
  await page.mouse.click(box.x + ((at + 0.5) * box.width) / text.length, box.y + box.height / 2);
}

test('a cited code file shows its outline, and a click on a name jumps to its definition', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  await importModel(page, (await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'))).path, 'embedding');
  await importModel(
    page,
    (await createTinyLlamaModel(join(files.path, 'chat.gguf'), { chatTemplate: 'chatml' })).path,
    'chat',
  );
  await nav(page, 'Settings').click();
  const maxTokens = page.getByTestId('setting-answer-max-tokens');
  await maxTokens.fill('16');
  await maxTokens.press('Enter');
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);

  await nav(page, 'Library').click();
  await page.getByTestId('library-add-input').setInputFiles(
    [ts.definingFile, ts.usingFile].map((path) => ({
      name: path.split('/').pop()!,
      mimeType: 'text/plain',
      buffer: Buffer.from(ts.files[path]!),
    })),
  );
  for (const name of ['config.ts', 'main.ts']) {
    await expect(page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`)).toContainText('Indexed', {
      timeout: 120_000,
    });
  }

  // "Where is X defined" is answered from the code index: the source is config.ts at the definition's line.
  await ask(page, `Where is ${ts.defined} defined?`);
  await page
    .getByTestId('source-chip')
    .filter({ hasText: /config\.ts/ })
    .first()
    .click();
  const viewer = page.getByTestId('citation-viewer');
  const outline = viewer.getByTestId('code-outline');
  await expect(outline.getByRole('button')).toHaveText([
    /function loadConfig/,
    /interface Config/,
    /property path/,
    /class Store/,
    /property count/,
    /method add/,
  ]);
  await expect(viewer.getByTestId('line-highlight').first()).toContainText('export function loadConfig');

  // The outline marks a symbol's lines; a click on a name in the code goes to where it is defined.
  await outline.getByRole('button', { name: /method add/ }).click();
  await expect(viewer.getByTestId('line-highlight').first()).toContainText('add(item: string): void');
  await clickWord(page, viewer, 'export function loadConfig', 'Config {');
  await expect(viewer.getByTestId('code-jump-note')).toHaveText('Definition: config.ts, line 7');
  await expect(viewer.getByTestId('line-highlight')).toHaveText([/^7export interface Config {/]);
  await shot(page, 'code-viewer-outline.png');
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  await page.keyboard.press('Escape');

  // From a caller in another document to the definition: the viewer switches to config.ts.
  await ask(page, `What calls ${ts.defined}?`);
  await page
    .getByTestId('source-chip')
    .filter({ hasText: /main\.ts/ })
    .first()
    .click();
  await expect(viewer.getByTestId('code-outline').getByRole('button')).toHaveText([/function main/]);
  await clickWord(page, viewer, "const settings = loadConfig('hearth.json')", 'loadConfig(');
  await expect(viewer.getByTestId('code-jump-note')).toHaveText('Definition: config.ts, line 2');
  await expect(viewer.getByText('Showing config.ts.')).toBeVisible();
  await expect(viewer.getByTestId('line-highlight')).toHaveText([/^2export function loadConfig/]);
  await viewer.getByRole('button', { name: 'Back to main.ts' }).click();
  await expect(viewer.getByTestId('code-outline').getByRole('button')).toHaveText([/function main/]);
  expect(screenshotDir).toBeTruthy();
});

const open = (page: Page): Promise<void> => openRoute(page, hearth, 'models');
