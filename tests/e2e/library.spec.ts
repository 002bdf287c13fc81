import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type JSHandle, type Page } from '@playwright/test';
import { binaryBytes, makePdf, MARKDOWN } from '../fixtures/corpus/corpusFiles';
import { makeEml } from '../fixtures/corpus/formatFiles';
import { createLexicalEmbeddingModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { importAsEmbeddingDefault, openRoute, screenshotDir, shot } from './pageHelpers';

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

interface DropFile {
  name: string;
  bytes: Buffer;
  type?: string;
}

/** What the page needs to build Files and a DataTransfer (the node-side types know no DOM). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): unknown } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
}

/** A DataTransfer holding the files, built in the page the way a drag from the desktop would bring them. */
function dataTransferOf(page: Page, list: DropFile[]): Promise<JSHandle> {
  const encoded = list.map((f) => ({ name: f.name, type: f.type ?? '', base64: f.bytes.toString('base64') }));
  return page.evaluateHandle((items) => {
    const g = globalThis as unknown as PageGlobals;
    const transfer = new g.DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new g.File([bytes], item.name, { type: item.type }));
    }
    return transfer;
  }, encoded);
}

const fileRow = (page: Page, name: string) => page.locator(`[data-testid="library-file"][data-name="${name}"]`);
const docRow = (page: Page, name: string) => page.locator(`[data-testid^="library-doc-"][data-name="${name}"]`);

test('first visit: the library says an embedding model is needed and links to Models', async ({ page }) => {
  await open(page, 'library');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
  const blocker = page.getByTestId('library-blocker');
  await expect(blocker).toContainText(/embedding model/i);
  await expect(page.getByTestId('library-empty')).toContainText(/PDF/);
  await shot(page, 'library-blocked-desktop.png');
  await page.getByTestId('library-blocker-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Models/i);
});

test('drop files on the window: progress, a failure with its one reason and no retry, dismiss, details, delete', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // Every progress event the core broadcasts: the failure reaches every client.
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('library.progress')) frames.push(frame.payload);
    });
  });
  const failedEventsFor = (name: string) =>
    frames.filter((f) => f.includes(`"name":"${name}"`) && f.includes('"stage":"failed"')).length;

  // An embedding model first, imported through the UI; the first one becomes the embedding default.
  const model = await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'));
  await open(page, 'models');
  await importAsEmbeddingDefault(page, model.path);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
  await expect(page.getByTestId('library-blocker')).toHaveCount(0);

  const pdf = await makePdf(['Quarterly revenue grew by nine percent.', 'Costs fell in the second half.'], 'Report');
  const transfer = await dataTransferOf(page, [
    { name: 'guide.md', bytes: Buffer.from(MARKDOWN), type: 'text/markdown' },
    { name: 'report.pdf', bytes: pdf, type: 'application/pdf' },
    { name: 'notes.txt', bytes: binaryBytes(), type: 'text/plain' },
  ]);
  // Dragging over any part of the window shows the overlay; dropping hands the files to the library.
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await expect(page.getByTestId('drop-overlay')).toContainText('Drop to add to your library');
  await page.screenshot({ path: join(shots, 'library-drop-overlay-desktop.png') });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);

  // Progress: the batch panel lists every file and follows each one to its end.
  await expect(page.getByTestId('library-batch')).toBeVisible();
  await expect(page.getByTestId('library-file')).toHaveCount(3);
  await expect(page.getByTestId('library-overall-progress')).toBeVisible();
  for (const name of ['guide.md', 'report.pdf']) {
    await expect(fileRow(page, name).getByTestId('library-file-stage')).toHaveText('Indexed', { timeout: 180_000 });
  }
  const bad = fileRow(page, 'notes.txt');
  await expect(bad.getByTestId('library-file-stage')).toHaveText('Failed', { timeout: 60_000 });
  await expect(bad.getByTestId('library-file-error')).toContainText(/binary data/i);
  // One message: its own reason, not also the general "cannot read this kind of file".
  await expect(bad.getByTestId('library-file-error')).not.toContainText('Hearth cannot read this kind of file.');
  await expect(page.getByTestId('library-overall')).toContainText('2 of 3 files indexed · 1 failed');
  await expect(docRow(page, 'guide.md')).toContainText('Indexed');
  await expect(docRow(page, 'report.pdf')).toContainText('PDF');
  await shot(page, 'library-desktop.png');

  // No Retry: the file itself is the problem, so another try would fail the same way.
  await expect.poll(() => failedEventsFor('notes.txt')).toBeGreaterThan(0);
  await expect(bad.getByRole('button', { name: 'Retry notes.txt' })).toHaveCount(0);

  // Dismiss forgets the failure, and the failed document with it.
  await bad.getByRole('button', { name: 'Dismiss notes.txt' }).click();
  await expect(bad).toHaveCount(0);
  await expect(docRow(page, 'notes.txt')).toHaveCount(0);

  // Details: metadata and the first passages with where each one comes from.
  await docRow(page, 'report.pdf').getByTestId('library-doc-open').click();
  const detail = page.getByTestId('library-detail');
  await expect(detail.getByRole('heading', { name: 'report.pdf' })).toBeFocused();
  await expect(detail.getByTestId('library-passage-where').first()).toHaveText('p. 1');
  await expect(detail.getByTestId('library-passages')).toContainText('Quarterly revenue');
  await docRow(page, 'guide.md').getByTestId('library-doc-open').click();
  await expect(detail.getByRole('heading', { name: 'guide.md' })).toBeVisible();
  await expect(detail.getByTestId('library-passages')).toContainText('Hearth Guide');
  await expect(detail.getByTestId('library-passages')).toContainText(/lines? \d/);
  await shot(page, 'library-detail-desktop.png');

  // The screen with content passes axe, in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The name filter.
  await page.getByTestId('library-search').fill('REPORT');
  await expect(docRow(page, 'guide.md')).toHaveCount(0);
  await expect(docRow(page, 'report.pdf')).toHaveCount(1);
  await expect(page.getByTestId('library-summary')).toHaveText('Showing 1 of 2 documents.');
  await page.getByTestId('library-search').fill('');
  await expect(docRow(page, 'guide.md')).toHaveCount(1);

  // Delete, through the confirmation.
  await docRow(page, 'guide.md').getByTestId('library-doc-delete').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('Delete guide.md?');
  await expect(dialog).toContainText('This cannot be undone.');
  await page.screenshot({ path: join(shots, 'library-delete-desktop.png') });
  await page.getByTestId('confirm-accept').click();
  await expect(docRow(page, 'guide.md')).toHaveCount(0);
  await expect(page.getByTestId('library-detail')).toHaveCount(0);
  await expect(page.getByTestId('library-summary')).toHaveText('1 document, 1 indexed.');
  await expect(page.getByTestId('library-summary')).toBeFocused();

  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'library-phone.png');
});

test('the library survives a reload: documents stay, Home counts them', async ({ page }) => {
  await open(page, 'library');
  await expect(docRow(page, 'report.pdf')).toContainText('Indexed');
  await expect(page.getByTestId('library-file')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('setup-status-documents')).toHaveText('1 document ready to search.');
});

test("an email's attachments: documents of their own, linked both ways in the panel", async ({ page }) => {
  test.setTimeout(240_000);
  await open(page, 'library');
  const terms = await makePdf(['The harbour master signs the tide ledger.'], 'Terms');
  const mail = makeEml({
    from: 'ann@example.org',
    to: 'bob@example.org',
    subject: 'Invoice 42',
    date: 'Mon, 1 Jan 2024 10:00:00 +0000',
    body: 'The terms are attached.',
    attachments: [
      { name: 'terms.pdf', type: 'application/pdf', data: terms },
      { name: 'photo.png', type: 'image/png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) },
    ],
  });
  const transfer = await dataTransferOf(page, [{ name: 'invoice.eml', bytes: mail, type: 'message/rfc822' }]);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(docRow(page, 'invoice.eml')).toContainText('Indexed', { timeout: 180_000 });
  await expect(docRow(page, 'terms.pdf')).toContainText('Indexed', { timeout: 120_000 });

  // The mail's panel lists the attachment indexed as its own document, and the one not indexed with the reason.
  await docRow(page, 'invoice.eml').getByTestId('library-doc-open').click();
  const detail = page.getByTestId('library-detail');
  const list = detail.getByTestId('library-detail-attachments');
  await expect(list.getByTestId('library-attachment-link')).toHaveText(['terms.pdf']);
  await expect(list.getByTestId('library-attachment-not-indexed')).toHaveText(
    'photo.png — not indexed: Images attached to a message are not read for text.',
  );
  await expect(detail.getByTestId('library-passages')).toContainText('Attachments: terms.pdf, photo.png');
  await shot(page, 'library-email-attachments-desktop.png');

  // The attachment's panel: its own passages, where it came from, and a link back to its mail.
  await list.getByRole('button', { name: 'terms.pdf' }).click();
  await expect(detail.getByRole('heading', { name: 'terms.pdf' })).toBeFocused();
  await expect(detail.getByTestId('library-passages')).toContainText('harbour master signs the tide ledger');
  await expect(detail).toContainText('Attached to Invoice 42 (invoice.eml)');
  await expect(detail.getByTestId('library-detail-parent')).toHaveText('Its email: invoice.eml');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await detail.getByTestId('library-parent-link').click();
  await expect(detail.getByRole('heading', { name: 'invoice.eml' })).toBeFocused();

  // Deleting the mail takes its attachment with it.
  await docRow(page, 'invoice.eml').getByTestId('library-doc-delete').click();
  await page.getByTestId('confirm-accept').click();
  await expect(docRow(page, 'invoice.eml')).toHaveCount(0);
  await expect(docRow(page, 'terms.pdf')).toHaveCount(0);
});
