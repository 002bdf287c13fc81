import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { formatBytes } from '../../electron/shared/formatBytes';
import { createTinyLlamaModel } from '../fixtures/gguf/tinyLlama';
import { makeDataDir, startHearth, type RunningHearth } from './hearthServer';
import { expectAccessible, openRoute, screenshotDir, shot } from './pageHelpers';

const shots = screenshotDir;

/** One request the model server answered (or began to). */
interface SeenRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
  /** The client went away before the whole response was sent. */
  aborted: boolean;
}

/**
 * A model host on 127.0.0.1: GGUF files with Content-Length, a strong ETag, Accept-Ranges and `Range: bytes=N-`
 * (206) support. `holdAt(offset)` makes the next response stop after that byte of the file until `release()`, so a
 * download is observably in progress for as long as the test needs, with no timing involved.
 */
class ModelHost {
  readonly requests: SeenRequest[] = [];
  readonly #files = new Map<string, Buffer>();
  readonly #waiting = new Set<() => void>();
  readonly #server: Server;
  #holdAt: number | null = null;

  constructor(tls: { key: Buffer; cert: Buffer }) {
    this.#server = createServer(tls, (req, res) => {
      const body = this.#files.get(req.url ?? '');
      const seen: SeenRequest = {
        path: req.url ?? '',
        range: req.headers.range ?? null,
        ifRange: (req.headers['if-range'] as string | undefined) ?? null,
        aborted: false,
      };
      this.requests.push(seen);
      res.on('close', () => {
        if (!res.writableFinished) seen.aborted = true;
      });
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      const total = body.length;
      const range = /^bytes=(\d+)-$/.exec(seen.range ?? '');
      const start = range && (seen.ifRange === null || seen.ifRange === etag) ? Number(range[1]) : 0;
      if (start >= total) {
        res.writeHead(416, { 'content-range': `bytes */${total}` }).end();
        return;
      }
      res.writeHead(start > 0 ? 206 : 200, {
        'content-type': 'application/octet-stream',
        'content-length': String(total - start),
        'accept-ranges': 'bytes',
        etag,
        ...(start > 0 ? { 'content-range': `bytes ${start}-${total - 1}/${total}` } : {}),
      });
      void this.#send(res, body, start);
    });
  }

  async #send(res: ServerResponse, body: Buffer, start: number): Promise<void> {
    const at = this.#holdAt;
    if (at === null || at <= start || at >= body.length) return void res.end(body.subarray(start));
    this.#holdAt = null;
    res.write(body.subarray(start, at));
    let closed = false;
    await new Promise<void>((resolve) => {
      this.#waiting.add(resolve);
      res.once('close', () => {
        closed = true;
        resolve();
      });
    });
    if (!closed) res.end(body.subarray(at));
  }

  /** Where the file is served. */
  serve(path: string, body: Buffer): string {
    this.#files.set(path, body);
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  /** The next response sends the file up to `offset`, then waits for `release()`. */
  holdAt(offset: number): void {
    this.#holdAt = offset;
  }

  release(): void {
    for (const go of this.#waiting) go();
    this.#waiting.clear();
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    this.release();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

let dataDir: Awaited<ReturnType<typeof makeDataDir>>;
let files: Awaited<ReturnType<typeof makeDataDir>>;
let hearth: RunningHearth;
let host: ModelHost;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dataDir = await makeDataDir();
  files = await makeDataDir();
  // A certificate for 127.0.0.1 that the headless shell trusts through NODE_EXTRA_CA_CERTS: the download form takes
  // https:// links only, and the core's fetch checks certificates as it does for any model host.
  const key = join(files.path, 'host-key.pem');
  const cert = join(files.path, 'host-cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'],
      ...['-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  host = new ModelHost({ key: await readFile(key), cert: await readFile(cert) });
  await host.listen();
  const before = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = cert;
  try {
    hearth = await startHearth(dataDir.path);
  } finally {
    if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = before;
  }
});
test.afterAll(async () => {
  await hearth?.stop();
  await host?.close();
  await dataDir?.remove();
  await files?.remove();
});

const open = (page: Page, route: string): Promise<void> => openRoute(page, hearth, route);

const modelsDir = () => join(dataDir.path, 'models');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const rows = (page: Page) => page.locator('[data-testid^="model-row-"]');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function download(page: Page, url: string, sha = ''): Promise<void> {
  await page.getByTestId('download-url').fill(url);
  await page.getByTestId('download-sha256').fill(sha);
  await page.getByTestId('download-start').click();
}

test('download by link: progress, cancel, resume with a Range request, then the model is listed', async ({ page }) => {
  test.setTimeout(120_000);
  const model = await createTinyLlamaModel(join(files.path, 'slow.gguf'), { seed: 3, name: 'hearth-downloaded' });
  const bytes = await readFile(model.path);
  const total = bytes.length;
  const url = host.serve('/models/slow.gguf', bytes);
  const firstStop = Math.floor(total * 0.4);
  const secondStop = Math.floor(total * 0.7);

  await open(page, 'models');
  await expect(page.getByTestId('models-summary')).toContainText('No models yet');
  host.holdAt(firstStop);
  await download(page, url);

  // (a) In progress: the status names the file, the bar and the figures show the bytes received so far.
  const status = page.getByTestId('download-status');
  const progress = page.getByTestId('download-progress');
  await expect(status.getByRole('status')).toHaveText('Downloading slow.gguf…');
  await expect(progress).toHaveAttribute('aria-valuenow', String(Math.floor((firstStop / total) * 100)));
  await expect(progress).toHaveAttribute(
    'aria-valuetext',
    new RegExp(
      `^${escape(formatBytes(firstStop))} of ${escape(formatBytes(total))} · ${Math.floor((firstStop / total) * 100)} % · `,
    ),
  );
  await expect(status).toContainText(`${formatBytes(firstStop)} of ${formatBytes(total)}`);
  await expect(page.getByTestId('download-start')).toBeDisabled();
  await shot(page, 'models-download-progress-desktop.png');
  await expectAccessible(page);

  // (b) Cancel: the transfer stops (the server sees the client go away), the UI says what was kept, nothing is added.
  await page.getByTestId('download-cancel').click();
  await expect(status.getByRole('status')).toHaveText('Paused: slow.gguf');
  await expect(status).toContainText('Stopped. The part already downloaded is kept; Resume continues from there.');
  await expect(page.getByTestId('download-cancel')).toHaveCount(0);
  // Bytes arrived, so there is something to resume (a download that never started offers "Try again").
  await expect(page.getByTestId('download-resume')).toHaveText('Resume');
  await expect(page.getByTestId('download-start')).toBeEnabled();
  await expect
    .poll(() => host.requests.map((r) => [r.path, r.range, r.aborted]))
    .toEqual([['/models/slow.gguf', null, true]]);
  await expect(page.getByTestId('models-summary')).toContainText('No models yet');
  await expect(rows(page)).toHaveCount(0);
  await shot(page, 'models-download-paused-desktop.png');

  // (c) Resume asks for the rest only (Range from the byte where it stopped, If-Range with the ETag) and continues.
  host.holdAt(secondStop);
  await page.getByTestId('download-resume').click();
  await expect(status.getByRole('status')).toHaveText('Downloading slow.gguf…');
  await expect(progress).toHaveAttribute('aria-valuenow', String(Math.floor((secondStop / total) * 100)));
  await expect(status).toContainText(`${formatBytes(secondStop)} of ${formatBytes(total)}`);
  await expect(status).toContainText('· resumed');
  expect(host.requests).toHaveLength(2);
  expect(host.requests[1]).toMatchObject({ path: '/models/slow.gguf', range: `bytes=${firstStop}-` });
  expect(host.requests[1]?.ifRange).toBe(`"${sha256(bytes).slice(0, 16)}"`);
  host.release();

  await expect(status.getByRole('status')).toHaveText('Downloaded hearth-downloaded.', { timeout: 30_000 });
  await expect(rows(page)).toHaveCount(1);
  const row = rows(page).first();
  await expect(row).toContainText('hearth-downloaded');
  await expect(row).toContainText('Default for chat');
  await expect(page.getByTestId('models-summary')).toContainText('1 model,');
  expect(host.requests).toHaveLength(2);
  expect(host.requests[1]?.aborted).toBe(false);
  // The file put together from the two requests is the served one, byte for byte, and no partial file is left.
  const fileName = (await row.locator('.model-row__file').textContent()) ?? '';
  expect((await readFile(join(modelsDir(), fileName))).equals(bytes)).toBe(true);
  expect((await readdir(modelsDir())).filter((f) => f.includes('.partial'))).toEqual([]);
});

test('a SHA-256 that is malformed or does not match is refused, and no model is added', async ({ page }) => {
  test.setTimeout(120_000);
  const model = await createTinyLlamaModel(join(files.path, 'other.gguf'), { seed: 4, name: 'hearth-checked' });
  const bytes = await readFile(model.path);
  const url = host.serve('/models/other.gguf', bytes);
  const right = sha256(bytes);
  const wrong = `${right.slice(0, -1)}${right.endsWith('0') ? '1' : '0'}`;
  const asked = () => host.requests.filter((r) => r.path === '/models/other.gguf').length;
  await open(page, 'models');
  await expect(rows(page)).toHaveCount(1);

  // Malformed: the form says so next to the field and nothing is fetched.
  await download(page, url, 'abc123');
  const shaField = page.getByTestId('download-sha256');
  await expect(shaField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('models-download')).toContainText('A SHA-256 is 64 hexadecimal characters.');
  await expect(page.getByTestId('download-status')).toHaveCount(0);
  expect(asked()).toBe(0);

  // Well-formed but not this file's: downloaded, checked, refused with a clear message, and removed.
  await download(page, url, wrong.toUpperCase());
  await expect(shaField).not.toHaveAttribute('aria-invalid', 'true');
  const error = page.getByTestId('download-error');
  await expect(error).toContainText('Could not download other.gguf', { timeout: 30_000 });
  await expect(error).toContainText('its SHA-256 does not match the one you entered');
  // Nothing is left to resume, and downloading the same bytes again would fail the same way.
  await expect(error).toContainText('Copy the SHA-256 again');
  await expect(error.getByTestId('download-resume')).toHaveCount(0);
  expect(asked()).toBe(1);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('models-installed')).not.toContainText('hearth-checked');
  expect((await readdir(modelsDir())).filter((f) => f.startsWith('other'))).toEqual([]);
  await shot(page, 'models-download-checksum-desktop.png');

  // The same link with its real checksum is accepted, so it was the checksum that was refused.
  await download(page, url, right);
  await expect(page.getByTestId('download-status').getByRole('status')).toHaveText('Downloaded hearth-checked.', {
    timeout: 30_000,
  });
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).filter({ hasText: 'hearth-checked' })).toHaveCount(1);
});

test('deleting a model asks first: Cancel keeps it, Delete removes it and its file', async ({ page }) => {
  await open(page, 'models');
  await expect(rows(page)).toHaveCount(2);
  const row = rows(page).filter({ hasText: 'hearth-downloaded' });
  const id = ((await row.getAttribute('data-testid')) ?? '').replace('model-row-', '');
  const file = join(modelsDir(), (await row.locator('.model-row__file').textContent()) ?? '');
  expect(existsSync(file)).toBe(true);

  const dialog = page.getByTestId('confirm-dialog');
  await page.getByTestId(`model-delete-${id}`).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Delete hearth-downloaded?');
  await expect(dialog).toContainText('It is a default model; choose another one afterwards.');
  await expect(dialog).toContainText('This cannot be undone.');
  await expect(page.getByTestId('confirm-cancel')).toBeFocused();
  await page.screenshot({ path: join(shots, 'models-delete-confirm-desktop.png') });
  await page.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId(`model-row-${id}`)).toBeVisible();
  await expect(rows(page)).toHaveCount(2);
  expect(existsSync(file)).toBe(true);

  await page.getByTestId(`model-delete-${id}`).click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('confirm-accept').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId(`model-row-${id}`)).toHaveCount(0);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('models-summary')).toContainText('1 model,');
  await expect(page.getByTestId('models-summary')).toBeFocused();
  expect(existsSync(file)).toBe(false);

  // Still gone after a reload: the catalogue on disk changed, not just the screen.
  await page.reload();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId(`model-row-${id}`)).toHaveCount(0);
});

test('offline: the error says once what happened and what to do, and offers Try again, not Resume', async ({
  page,
}) => {
  // A port nothing listens on: the connection is refused before a byte arrives, as when the Mac is offline.
  const closed = createNetServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await open(page, 'models');
  await download(page, `https://127.0.0.1:${port}/models/gone.gguf`);
  const error = page.getByTestId('download-error');
  await expect(error).toContainText('Could not download gone.gguf', { timeout: 30_000 });
  await expect(error).toContainText(`Hearth could not reach 127.0.0.1:${port}. Check your connection and the address`);
  // Said once: no second sentence repeating "could not be reached" in other words.
  expect(((await error.textContent()) ?? '').match(/reach/gi)).toHaveLength(1);
  await expect(error.locator('.callout__hint')).toHaveCount(0);
  // Nothing arrived, so there is nothing to resume: the button says what it does.
  await expect(error.getByTestId('download-resume')).toHaveText('Try again');
  await shot(page, 'models-download-offline-desktop.png');
  await expectAccessible(page);
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('download-status')).toHaveCount(0);
});
