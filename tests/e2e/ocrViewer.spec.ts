import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { scannedPdf, textImage, wordCentre } from '../fixtures/ocr/ocrFixtures';
import { createLexicalEmbeddingModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectNoSeriousAxe, importAsEmbeddingDefault, openRoute, screenshotDir } from './pageHelpers';

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

// One small page each: OCR reads a page in seconds on a fast machine, in tens of seconds on a busy 2-core one.
const SCAN = ['Minutes of the harbour board meeting', 'The new pontoon opens in April'];
const BOARD = ['Buy rope and two fenders'];

const docRow = (page: Page, name: string) => page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`);

/** Searches the library for `query` and opens its first passage in the citation viewer. */
async function openFirstResult(page: Page, query: string, documentName: string): Promise<Locator> {
  const input = page.getByTestId('passage-search-input');
  await input.fill(query);
  const first = page.getByTestId('search-results').getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('search-group').first()).toHaveAttribute('data-name', documentName);
  await input.press('Enter');
  const viewer = page.getByTestId('citation-viewer');
  await expect(viewer.getByRole('heading', { name: documentName })).toBeVisible();
  return viewer;
}

/** The on-screen point of a word drawn at fractions `at` of `page`. */
async function pointOn(page: Locator, at: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = (await page.boundingBox())!;
  return { x: box.x + at.x * box.width, y: box.y + at.y * box.height };
}

/** How many of `marks` cover the on-screen point. */
async function marksOver(marks: Locator, point: { x: number; y: number }): Promise<number> {
  let n = 0;
  for (const mark of await marks.all()) {
    const b = (await mark.boundingBox())!;
    if (point.x >= b.x && point.x <= b.x + b.width && point.y >= b.y && point.y <= b.y + b.height) n++;
  }
  return n;
}

test('the citation viewer marks OCR text on a scanned PDF page and on an image, where the words are', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const model = await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'));
  await openRoute(page, hearth, 'models');
  await importAsEmbeddingDefault(page, model.path);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByTestId('library-blocker')).toHaveCount(0);
  await page.getByTestId('library-add-input').setInputFiles([
    { name: 'minutes.pdf', mimeType: 'application/pdf', buffer: await scannedPdf([{ png: await textImage(SCAN) }]) },
    { name: 'board.png', mimeType: 'image/png', buffer: await textImage(BOARD) },
  ]);
  for (const name of ['minutes.pdf', 'board.png']) {
    await expect(docRow(page, name)).toContainText('Indexed', { timeout: 300_000 });
  }

  // The scanned page: drawn by pdf.js, one mark per line of the passage, over the words themselves.
  let viewer = await openFirstResult(page, 'pontoon', 'minutes.pdf');
  const canvas = viewer.getByTestId('pdf-canvas');
  await expect(canvas).toHaveAttribute('data-page', '1', { timeout: 30_000 });
  const marks = viewer.getByTestId('ocr-highlight');
  await expect(marks).toHaveCount(2);
  for (const word of ['harbour', 'pontoon', 'April']) {
    expect(await marksOver(marks, await pointOn(canvas, wordCentre(SCAN, word))), word).toBe(1);
  }
  // A point in the blank margin below the text is not marked.
  expect(await marksOver(marks, await pointOn(canvas, { x: 0.9, y: 0.95 }))).toBe(0);
  // For people who cannot see the marks: a named group, described by the passage's text.
  const group = viewer.getByRole('group', { name: 'Recognised passage, marked on the page' });
  await expect(group).toHaveAccessibleDescription(/pontoon opens in April/);
  await page.screenshot({ path: join(screenshotDir, 'ocr-viewer-pdf.png') });
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // The image: shown as itself with its passage marked over it.
  viewer = await openFirstResult(page, 'fenders', 'board.png');
  const image = viewer.getByTestId('viewer-image-img');
  await expect(image).toBeVisible({ timeout: 30_000 });
  await expect(image).toHaveJSProperty('naturalWidth', 1000);
  const imageMarks = viewer.getByTestId('ocr-highlight');
  await expect(imageMarks).toHaveCount(1);
  for (const word of ['rope', 'fenders']) {
    expect(await marksOver(imageMarks, await pointOn(image, wordCentre(BOARD, word))), word).toBe(1);
  }
  await expect(viewer.getByTestId('viewer-passage')).toContainText('two fenders');
  await page.screenshot({ path: join(screenshotDir, 'ocr-viewer-image.png') });
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousAxe(page, '[data-testid="citation-viewer"]');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(errors).toEqual([]);
});
