import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { repoRoot } from '../helpers/tempCore';
import type { RunningHearth } from './hearthServer';

/** Where every spec keeps its screenshots (test artifacts). */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/** Signs this page in with a fresh one-time link, then opens `#/<route>`. */
export async function openRoute(page: Page, hearth: RunningHearth, route: string): Promise<void> {
  await page.goto(await hearth.newSignInUrl());
  await page.goto(`${hearth.origin}/#/${route}`);
}

/** A full-page capture from the top (the sticky header would otherwise be drawn mid-page). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(screenshotDir, name), fullPage: true });
}

/** axe-core finds no serious or critical violation (in `include` only, when given) in the current scheme. */
export async function expectNoSeriousAxe(page: Page, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The same check in light and in dark appearance; the page is left in light. */
export async function expectAccessible(page: Page): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousAxe(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * On the Models screen: imports the GGUF at `modelPath` as the only model and makes it the embedding default (the
 * first embedding model may already be). Returns the model rows' locator and the new model's id.
 */
export async function importAsEmbeddingDefault(page: Page, modelPath: string): Promise<{ rows: Locator; id: string }> {
  await page.getByTestId('model-import-input').setInputFiles(modelPath);
  const rows = page.locator('[data-testid^="model-row-"]');
  await expect(rows).toHaveCount(1, { timeout: 30_000 });
  const id = ((await rows.getAttribute('data-testid')) ?? '').replace('model-row-', '');
  const setDefault = page.getByTestId(`model-default-embedding-${id}`);
  if (await setDefault.isEnabled()) await setDefault.click();
  await expect(rows).toContainText(/Default for embeddings/);
  return { rows, id };
}
