import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../../electron/core/library/catalog/catalogTypes';
import { createDesktopRouter } from '../../../electron/main/createDesktopRouter';

const rendererUrl = 'file:///Applications/Hearth.app/Contents/Resources/app.asar/dist/renderer/index.html';
const top = { url: rendererUrl, isMainFrame: true };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-desktop-router-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A router over recording fakes; `documents` is the library's catalogue by id. */
function setup(documents: Record<string, Partial<DocumentRecord>> = {}) {
  const calls: string[] = [];
  const errors: unknown[] = [];
  const route = createDesktopRouter({
    rendererUrl,
    quickPrompt: () => ({ show: () => calls.push('prompt.show'), hide: () => calls.push('prompt.hide') }),
    showMainWindow: () => calls.push('main.show'),
    loadInMainWindow: (url) => calls.push(`main.load ${url}`),
    library: {
      getDocument: (id) => documents[id] as DocumentRecord | undefined,
      openOriginal: async () => ({
        stream: Readable.from([Buffer.from('kept bytes')]),
        size: 10,
        name: 'report.pdf',
        type: 'pdf',
      }),
    },
    originalsTempDir: () => join(dir, 'copies'),
    showItemInFolder: (path) => calls.push(`reveal ${path}`),
    onRevealError: (error) => errors.push(error),
  });
  return { route, calls, errors };
}

describe('createDesktopRouter', () => {
  it('shows and hides the quick prompt', async () => {
    const { route, calls } = setup();
    await route(top, { action: 'show-quick-prompt' });
    await route(top, { action: 'hide-quick-prompt' });
    expect(calls).toEqual(['prompt.show', 'prompt.hide']);
  });

  it('opens a route in the main window: hides the quick prompt, shows the window, then changes its fragment', async () => {
    const { route, calls } = setup();
    await route(top, { action: 'open-in-main', hash: '#/chat/3f2a' });
    expect(calls).toEqual(['prompt.hide', 'main.show', `main.load ${rendererUrl}#/chat/3f2a`]);
  });

  it("shows the person's own file in Finder while it exists", async () => {
    const source = join(dir, 'report.pdf');
    await writeFile(source, 'on disk');
    const { route, calls, errors } = setup({ doc1: { id: 'doc1', sourcePath: source } });
    await route(top, { action: 'reveal-original', documentId: 'doc1' });
    expect(calls).toEqual([`reveal ${source}`]);
    expect(errors).toEqual([]);
  });

  it('shows a private copy of the kept original for an upload', async () => {
    const { route, calls } = setup({ doc1: { id: 'doc1', sourcePath: null } });
    await route(top, { action: 'reveal-original', documentId: 'doc1' });
    expect(calls).toHaveLength(1);
    const copy = calls[0]!.slice('reveal '.length);
    expect(copy.startsWith(join(dir, 'copies'))).toBe(true);
    expect(await readFile(copy, 'utf8')).toBe('kept bytes');
  });

  it('reports a document that is no longer in the library and shows nothing', async () => {
    const { route, calls, errors } = setup();
    await route(top, { action: 'reveal-original', documentId: 'gone' });
    expect(calls).toEqual([]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('That document is no longer in the library.');
  });

  it('ignores an iframe, another page, a vanished frame and malformed requests', async () => {
    const { route, calls, errors } = setup({ doc1: { id: 'doc1', sourcePath: null } });
    await route({ url: rendererUrl, isMainFrame: false }, { action: 'show-quick-prompt' });
    await route({ url: 'https://evil.example/', isMainFrame: true }, { action: 'show-quick-prompt' });
    await route(null, { action: 'reveal-original', documentId: 'doc1' });
    await route(top, { action: 'open-in-main', hash: 'https://evil.example/' });
    await route(top, { action: 'quit' });
    expect(calls).toEqual([]);
    expect(errors).toEqual([]);
  });
});
