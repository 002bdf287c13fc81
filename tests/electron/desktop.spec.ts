// The desktop app end to end with Playwright's Electron driver. Runs only on the macOS workflow
// (.github/workflows/macos.yml): no Electron binary can be downloaded on the Linux machines.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makePdf } from '../fixtures/corpus/corpusFiles';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';

test('launch, drop a PDF on the app, open the quick prompt, ask, see a citation', async () => {
  const work = await mkdtemp(join(tmpdir(), 'hearth-electron-'));
  const pdf = join(work, 'report.pdf');
  await writeFile(pdf, await makePdf(['Budget of the year.', 'The keeper repaired the copper lantern.']));
  const embedding = (await createLexicalEmbeddingModel(join(work, 'lex.gguf'))).path;
  const chat = (await createTinyLlamaModel(join(work, 'chat.gguf'))).path;

  const app = await electron.launch({
    args: ['dist/electron/main.cjs'],
    env: { ...process.env, HEARTH_HOME: join(work, 'data') },
  });
  try {
    const main = await app.firstWindow();
    await expect(main.getByRole('navigation')).toBeVisible();

    // Models by path: the desktop app may name files on this computer (window.hearth is the contract).
    await main.evaluate(
      async ([embeddingPath, chatPath]) => {
        const h = (
          globalThis as unknown as { hearth: Record<string, Record<string, (i: unknown) => Promise<unknown>>> }
        ).hearth;
        const e = (await h['models']!['import']!({ path: embeddingPath })) as { id: string };
        await h['models']!['setDefault']!({ role: 'embedding', id: e.id });
        const c = (await h['models']!['import']!({ path: chatPath })) as { id: string };
        await h['models']!['setDefault']!({ role: 'chat', id: c.id });
      },
      [embedding, chat],
    );

    // A file dropped on the Dock icon arrives as `open-file`, like a drop on the tray or a second launch.
    await app.evaluate(({ app: electronApp }, path) => {
      electronApp.emit('open-file', { preventDefault: () => undefined }, path);
    }, pdf);
    await main.goto(main.url().replace(/#.*$/, '#/library'));
    await expect(main.getByText('report.pdf')).toBeVisible({ timeout: 60_000 });

    // The quick prompt through its IPC (the same action as the tray item and the shortcut).
    const quickOpened = app.waitForEvent('window');
    await main.evaluate(() =>
      (globalThis as unknown as { hearthDesktop: { showQuickPrompt(): void } }).hearthDesktop.showQuickPrompt(),
    );
    const quick = await quickOpened;
    await quick.getByTestId('quick-input').fill('Who repaired the copper lantern?');
    await quick.getByTestId('quick-send').click();
    await expect(quick.getByTestId('source-chip').filter({ hasText: 'report.pdf p. 2' })).toBeVisible({
      timeout: 120_000,
    });
    await quick.screenshot({ path: 'test-results/screenshots/electron-quick-prompt.png' });
  } finally {
    await app.close();
  }
});
