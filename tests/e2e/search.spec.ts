import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makePdf } from '../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectNoSeriousAxe, importAsEmbeddingDefault, openRoute, screenshotDir, shot } from './pageHelpers';

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

const NOTES = [
  '# Garden notes',
  '',
  'The orchard has apple trees near the river.',
  '',
  '## Winter',
  '',
  'In winter the gardener wraps the young fig trees in straw.',
  'The lanterns in the shed were repaired last winter.',
  '',
].join('\n');
const PAGES = [
  'The first page describes the annual budget of the library.',
  'The second page explains how the lighthouse keeper repaired the copper lantern.',
  'The third page lists the volunteers of the harvest festival.',
];

const resultOptions = (page: Page) => page.getByTestId('search-results').getByRole('option');
const docRow = (page: Page, name: string) => page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`);

/** Chooses the first result of `documentName` with the arrow keys (from the first result) and opens it with Enter. */
async function openResultOf(page: Page, documentName: string): Promise<void> {
  const input = page.getByTestId('passage-search-input');
  const options = resultOptions(page);
  const groups = await options.evaluateAll((els) =>
    els.map((el) => el.closest('[data-testid="search-group"]')?.getAttribute('data-name') ?? ''),
  );
  const index = groups.indexOf(documentName);
  expect(index, `a result of ${documentName}`).toBeGreaterThanOrEqual(0);
  await input.press('Home');
  for (let i = 0; i < index; i++) await input.press('ArrowDown');
  await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(index).getAttribute('id')) ?? '');
  await input.press('Enter');
}

test('search box: ⌘K/Ctrl+K, passages with marked words grouped by document, Enter opens the viewer at the passage', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));

  // An embedding model, then two documents through the Library's file picker.
  const model = await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'));
  await openRoute(page, hearth, 'models');
  await importAsEmbeddingDefault(page, model.path);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByTestId('library-blocker')).toHaveCount(0);
  await page.getByTestId('library-add-input').setInputFiles([
    { name: 'garden.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: await makePdf(PAGES, 'Report') },
  ]);
  for (const name of ['garden.md', 'report.pdf']) {
    await expect(docRow(page, name)).toContainText('Indexed', { timeout: 180_000 });
  }

  // Empty state; the shortcut focuses the box from anywhere on the screen.
  const input = page.getByTestId('passage-search-input');
  await expect(page.getByTestId('passage-search-empty')).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await expect(input).not.toBeFocused();
  await page.keyboard.press('Control+K');
  await expect(input).toBeFocused();

  // Results: passages of both documents, grouped, the query's words (and their inflections) marked.
  await page.keyboard.type('repaired lantern');
  const results = page.getByTestId('search-results');
  await expect(results).toBeVisible();
  const groups = page.getByTestId('search-group');
  await expect(groups).toHaveCount(2);
  await expect(page.getByTestId('passage-search-status')).toContainText(/passages? in 2 documents/);
  const pdfHit = groups
    .filter({ has: page.getByText('report.pdf') })
    .getByRole('option')
    .first();
  await expect(pdfHit).toContainText('p. 2');
  await expect(pdfHit.locator('mark')).toHaveText(['repaired', 'lantern']);
  const mdHit = page.locator('[data-testid="search-group"][data-name="garden.md"]').getByRole('option').first();
  await expect(mdHit).toContainText('Garden notes › Winter');
  await expect(mdHit.locator('mark')).toHaveText(['lanterns', 'repaired']);
  await expect(resultOptions(page).first()).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'library-search-desktop.png');
  await expectNoSeriousAxe(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousAxe(page, '[data-testid="passage-search"]');
  await page.emulateMedia({ colorScheme: 'light' });

  // Enter opens the viewer at the passage: page 2 of the PDF, the passage marked on it.
  await openResultOf(page, 'report.pdf');
  const viewer = page.getByTestId('citation-viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('heading', { name: 'report.pdf' })).toBeVisible();
  await expect(viewer.getByTestId('pdf-canvas')).toHaveAttribute('data-page', '2', { timeout: 30_000 });
  // The page's text layer breaks the passage into lines: the marked runs together hold it.
  await expect
    .poll(async () => (await viewer.getByTestId('passage-highlight').allTextContents()).join(' '))
    .toMatch(/lighthouse keeper repaired the\s+copper lantern/);
  await page.screenshot({ path: join(screenshotDir, 'library-search-viewer-desktop.png') });
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  // Esc closes it, and focus is back in the search box.
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(input).toBeFocused();

  // The Markdown passage opens at its lines.
  await openResultOf(page, 'garden.md');
  await expect(viewer.getByTestId('line-highlight').first()).toBeVisible({ timeout: 30_000 });
  await expect(viewer.getByTestId('line-highlight')).toContainText(['The lanterns in the shed were repaired']);
  await page.keyboard.press('Escape');
  await expect(input).toBeFocused();

  // Narrowed to one type, only that type's passages are found; back to every type, both documents again.
  await page.getByTestId('passage-search-type').selectOption('pdf');
  await expect(groups).toHaveCount(1);
  await expect(groups.first()).toHaveAttribute('data-name', 'report.pdf');
  await page.getByTestId('passage-search-type').selectOption({ label: 'All types' });
  await expect(groups).toHaveCount(2);
  await expect(page.getByTestId('passage-search-collection')).toHaveValue('');

  // Nothing found says so (by words: meaning search always has a nearest passage); Esc clears the box back to the
  // empty state; Ctrl+F focuses it too.
  await page.getByTestId('passage-search-mode').selectOption({ label: 'Words only' });
  await input.fill('zeppelin');
  await expect(page.getByTestId('passage-search-none')).toContainText('No passage matches “zeppelin”');
  await input.press('Escape');
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('passage-search-empty')).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+F');
  await expect(input).toBeFocused();
  expect(errors, 'console errors (CSP violations included)').toEqual([]);
});
