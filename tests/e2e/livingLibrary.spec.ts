import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MARKDOWN } from '../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel } from '../fixtures/gguf/tinyLlama';
import { repoRoot } from '../helpers/tempCore';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';

const shots = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(shots, { recursive: true });

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

async function open(page: Page, route: string): Promise<void> {
  await page.goto(await hearth.newSignInUrl());
  await page.goto(`${hearth.origin}/#/${route}`);
}

/** Full-page captures start at the top (the sticky header would otherwise be drawn mid-page). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(shots, name), fullPage: true });
}

const docRow = (page: Page, name: string) => page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`);
const collectionRow = (page: Page, name: string) => page.locator(`[data-testid="collection-row"][data-name="${name}"]`);

async function expectAccessible(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('collections: create, move a document in, filter by it, versions, storage, rename, delete', async ({ page }) => {
  test.setTimeout(300_000);
  // An embedding model first, imported through the UI; the first one becomes the embedding default.
  const model = await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'));
  await open(page, 'models');
  await page.getByTestId('model-import-input').setInputFiles(model.path);
  const modelRow = page.locator('[data-testid^="model-row-"]');
  await expect(modelRow).toHaveCount(1, { timeout: 30_000 });
  const id = ((await modelRow.getAttribute('data-testid')) ?? '').replace('model-row-', '');
  const setDefault = page.getByTestId(`model-default-embedding-${id}`);
  if (await setDefault.isEnabled()) await setDefault.click();
  await expect(modelRow).toContainText(/Default for embeddings/);

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

  // A browser cannot name a folder on the server: the refusal is shown in place.
  await page.getByTestId('watch-path').fill(join(files.path, 'notes'));
  await page.getByTestId('watch-add').click();
  await expect(page.getByTestId('watch-add-error')).toContainText('Add folders from the Hearth app');
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

/**
 * What the desktop app saves when a person adds a folder (a browser may not name one on the server): the row goes
 * into the stopped core's catalogue, and the restarted core picks the folder up as it does after any restart.
 */
async function seedWatchedFolder(home: string, path: string): Promise<void> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(join(home, 'catalog.db'));
  try {
    db.prepare('INSERT INTO watched_folders (id, path, collection, paused, created_at) VALUES (?, ?, NULL, 0, ?)').run(
      randomUUID(),
      path,
      Date.now(),
    );
  } finally {
    db.close();
  }
}

test('a watched folder: a file written while stopped and one written while running both appear', async ({ page }) => {
  test.setTimeout(300_000);
  const folder = join(files.path, 'watched');
  await mkdir(folder, { recursive: true });
  await hearth.stop();
  await seedWatchedFolder(dataDir.path, folder);
  await writeFile(join(folder, 'before.md'), '# Before\n\nWritten while Hearth was stopped.\n');
  hearth = await startHearth(dataDir.path);

  await open(page, 'library');
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
});
