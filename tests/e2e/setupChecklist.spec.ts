import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectAccessible, openRoute, screenshotDir, shot } from './pageHelpers';

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
  // Enter sends; Shift+Enter only adds a line.
  const input = page.getByTestId('chat-input');
  await expect(page.getByText('Enter to send · Shift+Enter for a new line')).toBeVisible();
  await input.fill('Where does the river');
  await input.press('Shift+Enter');
  await input.pressSequentially('water run?');
  await expect(input).toHaveValue('Where does the river\nwater run?');
  await expect(page.getByTestId('chat-message-user')).toHaveCount(0);
  await input.press('Enter');
  await expect(page.getByTestId('chat-message-user')).toContainText('water run?');
  await expect(input).toHaveValue('');
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

test('the ingest panel and the table agree on a file, before and after a cancel; the bar stops short', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openRoute(page, hearth, 'library');
  // Enough passages that embedding them takes a while on the tiny model: there is time to cancel.
  const line = 'The river water runs past the old farm house near the city.\n\n';
  await page
    .getByTestId('library-add-input')
    .setInputFiles({ name: 'long-notes.md', mimeType: 'text/markdown', buffer: Buffer.from(line.repeat(60_000)) });
  const row = page.locator('[data-testid="library-file"][data-name="long-notes.md"]');
  const tableRow = page.locator('[data-testid^="library-doc-"][data-name="long-notes.md"]');
  const overall = page.getByTestId('library-overall');
  // While it embeds, the table names the same step as the panel, and the total is the file's size from the start.
  // (Its upload row may linger a moment beside its job's row: wait for the job's step.)
  await expect(row.getByTestId('library-file-stage').filter({ hasText: 'Embedding' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(row).toHaveCount(1);
  await expect(tableRow.getByTestId('library-doc-status')).toHaveText('Embedding');
  await expect(overall).toContainText(/^0 of 1 file indexed · [\d.]+ \w+ of 3\.7 MB/);
  // After a few seconds the time left is a number, not "Estimating…" for ever.
  await expect(overall).toContainText(/(Less than a minute|About .+) left/, { timeout: 15_000 });
  await row.getByRole('button', { name: 'Cancel long-notes.md' }).click();
  await expect(row.getByTestId('library-file-stage')).toHaveText('Cancelled', { timeout: 30_000 });
  await expect(row.getByRole('button', { name: 'Retry long-notes.md' })).toBeVisible();
  await expect(tableRow.getByTestId('library-doc-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('library-table-scroll')).not.toContainText('Failed');
  // Nothing of it was indexed: the bar stays empty rather than filling up, and the figures say the batch stopped.
  await expect(overall).toHaveText('Stopped: 0 of 1 file indexed · 1 cancelled · 0 bytes of 3.7 MB');
  await expect(page.getByTestId('library-overall-progress')).toHaveAttribute('aria-valuenow', '0');
});

test('on a phone the library is a list of cards with status and Delete in view, and details open as a sheet', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openRoute(page, hearth, 'library');
  const card = page.locator('[data-testid^="library-doc-"][data-name="farm.md"]');
  await expect(card.getByTestId('library-doc-status')).toHaveText('Indexed');
  await card.scrollIntoViewIfNeeded();
  // Status and Delete are on the card, inside the screen's width, not off to the side.
  for (const part of ['library-doc-status', 'library-doc-delete']) {
    await expect(card.getByTestId(part)).toBeInViewport({ ratio: 1 });
    const box = await card.getByTestId(part).boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  }
  // Nothing hides off to the side: the list does not scroll sideways.
  const fits = `(() => {
    const el = document.querySelector('[data-testid="library-table-scroll"]');
    return el.scrollWidth <= el.clientWidth;
  })()`;
  expect(await page.evaluate(fits)).toBe(true);
  await shot(page, 'library-cards-phone.png');
  await card.getByTestId('library-doc-open').click();
  const sheet = page.getByTestId('library-detail');
  await expect(sheet).toBeInViewport();
  await expect(sheet.getByRole('heading', { name: 'farm.md' })).toBeFocused();
  await page.screenshot({ path: join(screenshotDir, 'library-sheet-phone.png') });
  await expectAccessible(page);
  await sheet.getByTestId('library-detail-close').click();
  await expect(sheet).toHaveCount(0);
});

test('keyboard: ? lists the shortcuts with this system modifier, and each one goes where it says', async ({ page }) => {
  await openRoute(page, hearth, '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Hearth');
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  // Chromium on Linux: Ctrl, never ⌘.
  await expect(dialog).toContainText('Ctrl+N');
  await expect(dialog).toContainText('Ctrl+K');
  await expect(dialog).not.toContainText('⌘');
  // The screens in the order a library is set up (Chat needs models first), numbered as the navigation lists them.
  const order = ['Home', 'Models', 'Library', 'Chat', 'Settings', 'Diagnostics'];
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(order);
  for (const [index, label] of order.entries()) {
    await expect(dialog.locator('.shortcut-list__row', { hasText: `Go to ${label}` })).toContainText(
      `Ctrl+${index + 1}`,
    );
  }
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  const heading = page.getByRole('heading', { level: 1 });
  await page.keyboard.press('Control+Comma');
  await expect(heading).toHaveText('Settings');
  await page.keyboard.press('Control+2');
  await expect(heading).toHaveText('Models');
  await page.keyboard.press('Control+3');
  await expect(heading).toHaveText('Library');
  await page.keyboard.press('Control+4');
  await expect(heading).toHaveText('Chat');
  await page.keyboard.press('Control+1');
  await expect(heading).toHaveText('Welcome to Hearth');
  await page.keyboard.press('Control+K');
  await expect(heading).toHaveText('Library');
  await expect(page.getByTestId('passage-search-input')).toBeFocused();
  // Typing a question mark in a text box types it.
  await page.keyboard.type('why?');
  await expect(page.getByTestId('passage-search-input')).toHaveValue('why?');
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+N');
  await expect(heading).toHaveText('Chat');
  await expect(page).toHaveURL(/#\/chat$/);
  await expect(page.getByTestId('chat-input')).toBeFocused();

  // The opposite setting: Enter adds a line, Ctrl+Enter sends (and the hint says so).
  await page.keyboard.press('Control+Comma');
  await page.getByTestId('setting-send-with-mod-enter').check();
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);
  await page.keyboard.press('Control+N');
  const input = page.getByTestId('chat-input');
  await expect(input).toBeFocused();
  await expect(page.getByText('Ctrl+Enter to send')).toBeVisible();
  await input.pressSequentially('one');
  await input.press('Enter');
  await input.pressSequentially('two');
  await expect(input).toHaveValue('one\ntwo');
  await page.keyboard.press('Control+Comma');
  await page.getByTestId('setting-send-with-enter').check();
  await expect(page.getByTestId('settings-saved')).toContainText(/Saved/i);
});

interface Widths {
  scrollWidth: number;
  innerWidth: number;
  /** The innermost elements reaching past the window's right edge, to name in a failure. */
  wide: string[];
}

/** Runs in the page (a string: the tests are type-checked without the DOM library). */
const WIDTHS = `(() => {
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    return false;
  };
  const past = [...document.querySelectorAll('body *')].filter(
    (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getClientRects().length > 0 && !clipped(el),
  );
  const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: innermost.slice(0, 8).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') + ' in ' + String(el.parentElement?.className) + ' "' + (el.textContent ?? '').slice(0, 30) + '"'),
  };
})()`;

const SCREENS = ['', 'chat', 'library', 'models', 'settings', 'diagnostics', 'quick'] as const;

test('every screen fits 320 and 390 px without scrolling sideways, passes axe best practice in both themes; Settings lists its sections on wide screens', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openRoute(page, hearth, 'settings');
  const nav = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(nav).toBeVisible();
  await nav.getByRole('button', { name: 'Privacy' }).click();
  await expect(page.getByRole('heading', { name: 'Privacy', level: 2 }).first()).toBeFocused();
  for (const title of ['General', 'Models & answers', 'Library', 'Storage', 'Server', 'Privacy', 'Advanced'])
    await expect(page.locator('.settings-group__title', { hasText: title }).first()).toBeVisible();

  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 844 });
    for (const route of SCREENS) {
      await page.goto(`${hearth.origin}/#/${route}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      const { scrollWidth, innerWidth, wide } = (await page.evaluate(WIDTHS)) as Widths;
      expect
        .soft(scrollWidth, `#/${route} at ${String(width)} px; past the edge: ${wide.join(', ')}`)
        .toBeLessThanOrEqual(innerWidth);
    }
    await page.goto(`${hearth.origin}/#/settings`);
    await expect(nav).toBeHidden();
  }

  // axe-core, best practice included, on every screen with this library's content: both widths, both themes.
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    for (const route of SCREENS) {
      await page.goto(`${hearth.origin}/#/${route}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const found = (await new AxeBuilder({ page }).analyze()).violations;
        expect
          .soft(
            found.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
            `#/${route} at ${String(width)} px, ${scheme}`,
          )
          .toEqual([]);
        await shot(page, `${route || 'home'}-${String(width)}-${scheme}.png`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await shot(page, `settings-${String(width)}.png`);
  }
});
