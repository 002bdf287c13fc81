import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { connect, signIn } from '../helpers/wsClient';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectNoSeriousAxe, openRoute, shot } from './pageHelpers';

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let files: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;

test.beforeAll(async () => {
  dataDir = await makeDataDir();
  files = await makeDataDir();
  hearth = await startHearth(dataDir.path);
  // Setup through the contract (the Models and Library screens have their own specs): two models, one document.
  const client = await connect(hearth.origin, await signIn(await hearth.newSignInUrl()));
  try {
    const { api } = client;
    for (const [role, model] of [
      ['embedding', await createLexicalEmbeddingModel(join(files.path, 'lexical.gguf'))],
      ['chat', await createTinyLlamaModel(join(files.path, 'chat.gguf'), { chatTemplate: 'chatml' })],
    ] as const) {
      const imported = await api.models.import({ path: model.path });
      if (!imported.ok) throw new Error(imported.error.message);
      const made = await api.models.setDefault({ role, id: imported.value.id });
      if (!made.ok) throw new Error(made.error.message);
    }
    const saved = await api.settings.update({ answers: { maxTokens: 24 } });
    if (!saved.ok) throw new Error(saved.error.message);
    const notes = join(files.path, 'farm.md');
    await writeFile(notes, '# Farm\n\nThe river water runs past the old farm house near the city.\n');
    const ingested = await api.library.ingest({ paths: [notes] }, () => undefined).done;
    if (!ingested.ok) throw new Error(ingested.error.message);
  } finally {
    await client.close();
  }
});

test.afterAll(async () => {
  await hearth?.stop();
  await dataDir?.remove();
  await files?.remove();
});

test('after a chat, Diagnostics plots its speed, ingestion and the services', async ({ page }) => {
  test.setTimeout(180_000);
  await openRoute(page, hearth, 'chat');
  await page.getByTestId('chat-input').fill('Where does the river water run?');
  await page.getByTestId('chat-input').press('Control+Enter');
  await expect(page.getByTestId('chat-message-assistant')).toHaveCount(1, { timeout: 120_000 });
  await expect(page.getByTestId('chat-stop')).toHaveCount(0, { timeout: 120_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diagnostics' }).click();
  const card = page.getByTestId('diag-performance');
  await expect(card).toBeVisible();
  // One answer: a dot on the speed line and a bar in the TTFT histogram; one file in the ingestion plot.
  await expect(card.getByTestId('chart-speed')).toHaveAttribute('data-points', '1', { timeout: 10_000 });
  await expect(card.getByTestId('chart-speed').locator('circle')).toHaveCount(1);
  await expect(card.getByTestId('chart-ttft')).toHaveAttribute('data-bars', '1');
  await expect(card.getByTestId('chart-ingest-files')).toHaveAttribute('data-bars', '1');
  await expect(card.getByTestId('chart-ingest-bytes')).toHaveAttribute('data-bars', '1');
  // The inference worker and the storage sidecars, each running, and memory bars for them and the core.
  await expect(card.getByTestId('diag-sidecar-inference')).toContainText('running');
  expect(Number(await card.getByTestId('chart-memory').getAttribute('data-bars'))).toBeGreaterThanOrEqual(3);
  await expect(card).toContainText('nothing is sent anywhere');
  await expectNoSeriousAxe(page, '[data-testid="diag-performance"]');
  await shot(page, 'diagnostics-performance-desktop.png');

  // The support bundle downloads as JSON with versions and settings, and no secret.
  const download = page.waitForEvent('download');
  await card.getByTestId('diag-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hearth-diagnostics-.*\.json$/);
  const bundle = JSON.parse(await streamText(await file.createReadStream())) as {
    versions: Record<string, string>;
    settings: { answers: { maxTokens: number } };
    telemetry: { generations: unknown[] };
    log: string;
  };
  expect(bundle.versions['hearth']).toBeTruthy();
  expect(bundle.settings.answers.maxTokens).toBe(24);
  expect(bundle.telemetry.generations).toHaveLength(1);
  expect(bundle.log).toContain('core started');
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
