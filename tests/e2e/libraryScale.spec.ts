import { expect, test, type Page } from '@playwright/test';
import { Catalog } from '../../electron/core/library/catalog/Catalog';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectNoSeriousAxe, openRoute, shot } from './pageHelpers';

/** The figure: a library of ten thousand documents. */
const DOCUMENTS = 10_000;
/** Far fewer than the library holds: only rows in view (and a little overscan) may be in the DOM. */
const MAX_ROWS_IN_DOM = 100;
const TYPES = ['pdf', 'markdown', 'html', 'text'] as const;
const EXTENSIONS: Record<(typeof TYPES)[number], string> = { pdf: 'pdf', markdown: 'md', html: 'html', text: 'txt' };

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.describe.configure({ mode: 'serial' });

/**
 * Rows straight into the catalogue before the server starts: listing needs no files, and ingesting 10,000 documents
 * is the scale bench's job. Every tenth document failed, the rest indexed; two collections; a minute apart.
 */
function seedCatalogue(dir: string): void {
  let clock = Date.UTC(2026, 0, 1);
  const catalog = Catalog.open({ dataDir: dir, now: () => (clock += 60_000) });
  try {
    catalog.transaction(() => {
      for (let i = 0; i < DOCUMENTS; i++) {
        const type = TYPES[i % TYPES.length]!;
        catalog.createDocument({
          name: `doc-${String(i).padStart(5, '0')}.${EXTENSIONS[type]}`,
          size: 1_000 + i,
          type,
          status: i % 10 === 9 ? 'failed' : 'indexed',
          collection: i % 2 ? 'Beta' : 'Alpha',
        });
      }
    });
  } finally {
    catalog.dispose();
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = await makeDataDir();
  seedCatalogue(dataDir.path);
  hearth = await startHearth(dataDir.path);
});
test.afterAll(async () => {
  await hearth?.stop();
  await dataDir?.remove();
});

const rowsInDom = (page: Page) => page.locator('[data-testid="library-table-scroll"] tbody tr[data-index]');
const docRow = (page: Page, name: string) => page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`);

/** Scrolls the table's own scroller to its current end (the next page loads as the end comes near). */
async function scrollTableToEnd(page: Page): Promise<void> {
  await page.getByTestId('library-table-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

test('a library of 10,000 documents: windowed rows, scrolling by pages, filters in the core, opening one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openRoute(page, hearth, 'library');
  const summary = page.getByTestId('library-summary');
  await expect(summary).toHaveText('10,000 documents, 9,000 indexed.');
  // Newest first: the last seeded document leads.
  await expect(rowsInDom(page).first()).toHaveAttribute('data-name', 'doc-09999.txt');
  expect(await rowsInDom(page).count()).toBeLessThan(MAX_ROWS_IN_DOM);
  await expect(page.getByTestId('library-status-filter').locator('option[value="failed"]')).toHaveText(
    'Failed (1,000)',
  );

  // Scrolling to the end loads page after page; the DOM keeps only the rows in view.
  for (let i = 0; i < 4; i++) {
    await scrollTableToEnd(page);
    await expect(page.locator(`tbody tr[data-index="${String((i + 1) * 100 - 1)}"]`)).toBeAttached();
  }
  await expect(docRow(page, 'doc-09600.pdf')).toBeAttached();
  await expect(docRow(page, 'doc-09999.txt')).toHaveCount(0);
  expect(await rowsInDom(page).count()).toBeLessThan(MAX_ROWS_IN_DOM);
  await shot(page, 'library-scale-scrolled-desktop.png');

  // Keyboard: arrows move between rows, Home goes back to the first one, drawing it again.
  const last = rowsInDom(page).last();
  const lastIndex = Number(await last.getAttribute('data-index'));
  await last.getByTestId('library-doc-open').focus();
  await page.keyboard.press('ArrowUp');
  await expect(
    page.locator(`tbody tr[data-index="${String(lastIndex - 1)}"] [data-testid="library-doc-open"]`),
  ).toBeFocused();
  await page.keyboard.press('Home');
  await expect(docRow(page, 'doc-09999.txt').getByTestId('library-doc-open')).toBeFocused();

  // Filters go to the core: status with its count, then a part of the name.
  await page.getByTestId('library-status-filter').selectOption('failed');
  await expect(summary).toHaveText('Showing 1,000 of 10,000 documents.');
  await expect(rowsInDom(page).first()).toHaveAttribute('data-name', 'doc-09999.txt');
  await page.getByTestId('library-search').fill('DOC-0123');
  await expect(summary).toHaveText('Showing 1 of 10,000 documents.');
  await expect(rowsInDom(page)).toHaveCount(1);
  await page.getByTestId('library-status-filter').selectOption('');
  await expect(summary).toHaveText('Showing 10 of 10,000 documents.');
  await page.getByTestId('library-order').selectOption('name-asc');
  await expect(rowsInDom(page).first()).toHaveAttribute('data-name', 'doc-01230.html');

  // Opening one shows its details.
  await docRow(page, 'doc-01234.html').getByTestId('library-doc-open').click();
  const detail = page.getByTestId('library-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('doc-01234.html');
  await expectNoSeriousAxe(page, '[data-testid="library-documents"]');
  await shot(page, 'library-scale-filtered-desktop.png');
});
