import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MARKDOWN } from '../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectAccessible, importAsEmbeddingDefault, openRoute, screenshotDir, shot } from './pageHelpers';

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

const open = (page: Page, route: string): Promise<void> => openRoute(page, hearth, route);

const docRow = (page: Page, name: string) => page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`);
const collectionRow = (page: Page, name: string) => page.locator(`[data-testid="collection-row"][data-name="${name}"]`);

test('collections: create, move a document in, filter by it, versions, storage, rename, delete', async ({ page }) => {
  test.setTimeout(300_000);
  // An embedding model first, imported through the UI; the first one becomes the embedding default.
  const model = await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'));
  await open(page, 'models');
  const { rows: modelRow, id } = await importAsEmbeddingDefault(page, model.path);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
  await expect(page.getByTestId('library-collections')).toContainText('No collections yet');
  await expect(page.getByTestId('library-watched')).toContainText('No folder is watched');

  // Two documents, through the file picker.
  await page.getByTestId('library-add-input').setInputFiles([
    { name: 'guide.md', mimeType: 'text/markdown', buffer: Buffer.from(MARKDOWN) },
    { name: 'minutes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Minutes\n\nThe board met on Tuesday.\n') },
  ]);
  await expect(docRow(page, 'guide.md')).toContainText('Indexed', { timeout: 180_000 });
  await expect(docRow(page, 'minutes.md')).toContainText('Indexed', { timeout: 180_000 });

  // A collection, created in the panel.
  await page.getByTestId('collection-create-input').fill('Board');
  await page.getByTestId('collection-create').click();
  await expect(collectionRow(page, 'Board')).toContainText('0 documents');

  // Move a document into it from the detail panel; the version history shows its first version.
  await docRow(page, 'minutes.md').getByTestId('library-doc-open').click();
  const detail = page.getByTestId('library-detail');
  await expect(detail.getByRole('heading', { name: 'minutes.md' })).toBeFocused();
  await expect(detail.getByTestId('library-version')).toHaveCount(1);
  await expect(detail.getByTestId('library-version').first()).toContainText('Added');
  await expect(detail.getByTestId('library-version').first()).toContainText('Current');
  await detail.getByTestId('library-move-target').selectOption('Board');
  await detail.getByTestId('library-move-submit').click();
  await expect(collectionRow(page, 'Board')).toContainText('1 document');
  await expect(detail).toContainText('Board');

  // The collection filter narrows the list.
  await page.getByTestId('library-collection-filter').selectOption('Board');
  await expect(docRow(page, 'minutes.md')).toHaveCount(1);
  await expect(docRow(page, 'guide.md')).toHaveCount(0);
  await expect(page.getByTestId('library-summary')).toHaveText('Showing 1 of 2 documents.');

  // Storage: originals, the active index with its vectors, keyword passages, models.
  const storage = page.getByTestId('library-storage');
  await expect(storage.getByTestId('storage-originals')).toContainText('2 documents');
  await expect(storage).toContainText('Active');
  await expect(storage.getByTestId('storage-models')).toContainText('1 model');
  await expect(page.getByTestId('library-reembed')).toContainText(/up to date/);

  // The original opens from the detail panel (a new tab in a browser; the desktop app hands it to the default app).
  const original = detail.getByTestId('library-open-original');
  await expect(original).toHaveAttribute('href', /^\/api\/originals\/[A-Za-z0-9-]+$/);
  await expect(detail.getByTestId('library-reveal-original')).toHaveCount(0);
  const href = (await original.getAttribute('href')) ?? '';
  // Hearth's page reads it (the browser sends Sec-Fetch-Site: same-origin); a bare request with the same cookie,
  // as another site or a script outside the browser would make, is refused.
  const served = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  }, href);
  expect(served).toEqual({ status: 200, text: '# Minutes\n\nThe board met on Tuesday.\n' });
  const bare = await page.request.get(`${hearth.origin}${href}`);
  expect(bare.status()).toBe(403);

  // Another embedding model becomes the default: the library offers a re-embed, search keeps the old index until
  // the new one is complete, then switches to it.
  const second = await createLexicalEmbeddingModel(join(files.path, 'lexical-2.gguf'), {
    seed: 7,
    nEmbd: 128,
    name: 'Second word vectors',
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
  await page.getByTestId('model-import-input').setInputFiles(second.path);
  await expect(modelRow).toHaveCount(2, { timeout: 30_000 });
  const secondId = (
    (await modelRow.filter({ hasNotText: 'Default for embeddings' }).getAttribute('data-testid')) ?? ''
  ).replace('model-row-', '');
  // The switch asks first, naming what happens to search (the library holds passages).
  await page.getByTestId(`model-default-embedding-${secondId}`).click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Find passages with Second word vectors?');
  // …and about how long the re-embed takes, from this computer's timings of the first model scaled to the second
  // (or, had nothing been timed alone, a stated typical rate).
  await expect(page.getByTestId('embedding-switch-consequence')).toHaveText(
    /^Search keeps using hearth-lexical-embedding until the library’s \d+ passages? (is|are) re-embedded with Second word vectors, (less than a minute|about .+)\.$/,
  );
  await expect(page.getByTestId('embedding-switch-basis')).toHaveText(
    /^(Estimated from how fast this computer embedded passages with hearth-lexical-embedding, scaled to the size of Second word vectors \(about [\d,]+ a second\)|Hearth has not timed embedding on this computer yet, so this assumes a typical 20 passages a second)\.$/,
  );
  await expectAccessible(page);
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId(`model-row-${secondId}`)).toContainText(/Default for embeddings/);
  await expect(page.getByTestId(`model-row-${id}`)).not.toContainText(/Default for embeddings/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  const reembed = page.getByTestId('library-reembed');
  await expect(reembed).toContainText(
    'Search uses hearth-lexical-embedding; the embedding model is now Second word vectors. Re-embed the library to use it.',
  );
  await page.getByTestId('reembed-start').click();
  await expect(reembed).toHaveText(/Search uses Second word vectors, up to date\./, { timeout: 120_000 });
  // Person-readable names only: no index or model ids.
  await expect(page.getByTestId('library-storage')).not.toContainText(/hearth_|\bv\d+\b/);
  await expect(reembed).not.toContainText(secondId);
  await expect(page.getByTestId('reembed-start')).toHaveCount(0);
  await expect(page.getByTestId('library-storage')).toContainText('Active');
  await shot(page, 'living-library-desktop.png');
  await expectAccessible(page);

  // Rename in place; the filter and the document follow.
  await collectionRow(page, 'Board').getByTestId('collection-rename').click();
  await page.getByTestId('collection-rename-input').fill('Board papers');
  await page.getByTestId('collection-rename-save').click();
  await expect(collectionRow(page, 'Board papers')).toContainText('1 document');
  await page.getByTestId('library-collection-filter').selectOption('Board papers');
  await expect(docRow(page, 'minutes.md')).toHaveCount(1);

  // Delete the collection, keeping its documents.
  await collectionRow(page, 'Board papers').getByTestId('collection-delete').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('Also delete its documents');
  await page.screenshot({ path: join(shots, 'living-library-delete-collection-desktop.png') });
  await page.getByTestId('confirm-accept').click();
  await expect(collectionRow(page, 'Board papers')).toHaveCount(0);
  await expect(page.getByTestId('library-summary')).toHaveText('2 documents, 2 indexed.');

  // Erasing asks for the word "erase" first.
  await page.getByTestId('storage-erase-all').click();
  await expect(dialog).toContainText('Erase all library data?');
  await page.getByTestId('erase-confirm-input').fill('nope');
  await page.getByTestId('confirm-accept').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('erase-confirm-input').fill('erase');
  await page.screenshot({ path: join(shots, 'living-library-erase-desktop.png') });
  await page.getByTestId('confirm-accept').click();
  await expect(page.getByTestId('library-empty')).toBeVisible();
  await expect(page.getByTestId('library-storage').getByTestId('storage-originals')).toContainText('0 documents');

  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'living-library-phone.png');
});

test('a watched folder: added in the UI, files written while running and while stopped both appear', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const folder = join(files.path, 'watched');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'before.md'), '# Before\n\nThere before the folder was watched.\n');

  // A browser on the computer Hearth runs on may name a folder there, as the desktop app does.
  await open(page, 'library');
  await page.getByTestId('watch-path').fill(folder);
  await page.getByTestId('watch-collection').fill('Watched');
  await page.getByTestId('watch-add').click();
  const row = page.locator('[data-testid="watch-row"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(folder);
  await expect(row.getByTestId('watch-state')).toHaveText(/Watching|Polling|Scanning/);
  await expect(docRow(page, 'before.md')).toContainText('Indexed', { timeout: 120_000 });

  // A new file on disk joins the library on its own.
  await writeFile(join(folder, 'after.md'), '# After\n\nWritten while Hearth was running.\n');
  await expect(docRow(page, 'after.md')).toContainText('Indexed', { timeout: 120_000 });
  await expect(row).toContainText('2 documents');
  await shot(page, 'living-library-watched-desktop.png');

  // A file written while Hearth is stopped is found at the next start.
  await hearth.stop();
  await writeFile(join(folder, 'offline.md'), '# Offline\n\nWritten while Hearth was stopped.\n');
  hearth = await startHearth(dataDir.path);
  await open(page, 'library');
  await expect(docRow(page, 'offline.md')).toContainText('Indexed', { timeout: 120_000 });
  await expect(row).toContainText('3 documents');
  await expect(row).toContainText('into Watched');
  await page.getByTestId('library-collection-filter').selectOption('Watched');
  await expect(page.getByTestId('library-summary')).toHaveText('Showing 3 of 3 documents.');
  await page.getByTestId('library-collection-filter').selectOption('');

  // Pause and resume from the list.
  await row.getByTestId('watch-pause').click();
  await expect(row.getByTestId('watch-state')).toHaveText('Paused');
  await row.getByTestId('watch-resume').click();
  await expect(row.getByTestId('watch-state')).not.toHaveText('Paused');
  await expectAccessible(page);

  // Remove, deleting its documents too.
  await row.getByTestId('watch-remove').click();
  await page.getByTestId('watch-remove-documents').check();
  await page.getByTestId('confirm-accept').click();
  await expect(row).toHaveCount(0);
  await expect(docRow(page, 'after.md')).toHaveCount(0);
  await expect(docRow(page, 'before.md')).toHaveCount(0);
  await expect(docRow(page, 'offline.md')).toHaveCount(0);
});

test('a browser on another computer is told to add folders where Hearth runs', async ({ page }) => {
  await hearth.stop();
  hearth = await startHearth(dataDir.path, 0, ['--no-local-paths']);
  await open(page, 'library');
  await expect(page.getByTestId('watch-remote')).toContainText('only from the computer Hearth runs on');
  await expect(page.getByTestId('watch-path')).toHaveCount(0);
});
