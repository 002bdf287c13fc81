import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../../../electron/core/runtime/models/downloadModelFile';
import { ModelCatalog } from '../../../../electron/core/runtime/models/ModelCatalog';
import { HearthError } from '../../../../electron/shared/errors';
import {
  createBadVersion,
  createHugeArray,
  createHugeCounts,
  createMissingKey,
  createNotGguf,
  createTruncated,
  createWrongShape,
} from '../../../fixtures/gguf/badModels';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { createTinyRerankerModel } from '../../../fixtures/gguf/tinyReranker';
import { tempDir } from '../../../helpers/tempCore';

const logger = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let fixtures: string;
let modelBytes: Buffer;
let modelSha: string;
beforeAll(async () => {
  const dir = await tempDir('hearth-catalog-fixtures-');
  fixtures = dir.path;
  // ~3 MB, so a download spans many chunks and progress events.
  await createTinyLlamaModel(join(fixtures, 'served.gguf'), { nEmbd: 256, nFf: 512, nLayer: 4, name: 'Served' });
  modelBytes = await readFile(join(fixtures, 'served.gguf'));
  modelSha = createHash('sha256').update(modelBytes).digest('hex');
  return () => dir.remove();
});

async function freshCatalog(extra: Partial<Parameters<typeof ModelCatalog.open>[0]> = {}) {
  const dir = await tempDir('hearth-catalog-');
  cleanups.push(() => dir.remove());
  const modelsDir = join(dir.path, 'models');
  const catalog = await ModelCatalog.open({ dir: modelsDir, logger, ...extra });
  cleanups.push(() => catalog.dispose());
  return { catalog, modelsDir, root: dir.path };
}

async function failure(promise: Promise<unknown>): Promise<HearthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

/** Behaviour of the local file server, changeable between requests. */
interface ServerMode {
  /** Answer 200 with the whole file, whatever Range says. */
  ignoreRange?: boolean;
  /** Destroy the socket after this many body bytes (first request only). */
  cutAfter?: number;
  /** Send this many body bytes, then stop sending (until the client gives up). */
  stallAfter?: number;
  /** ETag to send and to honour in If-Range. */
  etag?: string;
  /** Body to serve instead of the model. */
  body?: Buffer;
}

/** A real HTTP server on 127.0.0.1 with Range/If-Range support and fault injection. */
async function fileServer(initial: ServerMode = {}) {
  const mode: ServerMode = { etag: '"v1"', ...initial };
  const requests: { url: string; range?: string; ifRange?: string }[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ url: req.url ?? '', range: req.headers.range, ifRange: req.headers['if-range'] as string });
    if (req.url?.startsWith('/moved/')) {
      res.writeHead(302, { location: req.url.replace('/moved/', '/') }).end();
      return;
    }
    if (!req.url?.endsWith('.gguf')) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = mode.body ?? modelBytes;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const rangeValid = !req.headers['if-range'] || req.headers['if-range'] === mode.etag;
    if (range && !mode.ignoreRange && rangeValid) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'content-length': body.length - start,
        etag: mode.etag,
      });
    } else {
      res.writeHead(200, { 'content-length': body.length, etag: mode.etag, 'accept-ranges': 'bytes' });
    }
    const cut = mode.cutAfter;
    mode.cutAfter = undefined;
    const stall = mode.stallAfter;
    let sent = 0;
    const pump = (): void => {
      while (start + sent < body.length) {
        const limit = cut ?? stall ?? Infinity;
        if (sent >= limit) {
          if (cut !== undefined) res.destroy();
          return;
        }
        const n = Math.min(64 * 1024, body.length - start - sent, limit - sent);
        const more = res.write(body.subarray(start + sent, start + sent + n));
        sent += n;
        if (!more) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, mode, requests };
}

function sha(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

describe('ModelCatalog: import', () => {
  it('imports, lists with metadata, sets defaults, survives a restart and deletes', async () => {
    const { catalog, modelsDir } = await freshCatalog({ now: () => 1_700_000_000_000 });
    const chatFile = (await createTinyLlamaModel(join(fixtures, 'My Chat Model.gguf'))).path;
    const chat = await catalog.importFile(chatFile);
    expect(chat).toMatchObject({
      id: 'my-chat-model',
      displayName: 'hearth-tiny-llama',
      fileName: 'My Chat Model.gguf',
      source: chatFile,
      architecture: 'llama',
      quantisation: 'Q8_0',
      contextLength: 2048,
      embeddingLength: 64,
      isEmbeddingModel: false,
      addedAt: 1_700_000_000_000,
      sha256: sha(await readFile(chatFile)),
    });
    expect(chat.parameters).toBeGreaterThan(90_000);
    // The first model of its kind becomes the default; the original file is left alone.
    expect(catalog.defaults()).toEqual({ chat: 'my-chat-model', embedding: null });
    expect((await stat(chatFile)).isFile()).toBe(true);

    const embedFile = (await createLexicalEmbeddingModel(join(fixtures, 'words.gguf'), { vocab: ['cat'] })).path;
    const embed = await catalog.importFile(embedFile, { displayName: 'Word vectors' });
    expect(embed).toMatchObject({ displayName: 'Word vectors', isEmbeddingModel: true });
    expect(catalog.defaults()).toEqual({ chat: 'my-chat-model', embedding: embed.id });
    expect((await failure(catalog.setDefault('chat', embed.id))).code).toBe('INVALID_INPUT');
    expect((await failure(catalog.setDefault('chat', 'no-such-model'))).code).toBe('NOT_FOUND');

    // Same bytes again: the existing entry, no second copy.
    expect((await catalog.importFile(chatFile)).id).toBe(chat.id);
    expect(catalog.list().map((m) => m.id)).toEqual([chat.id, embed.id]);
    expect(catalog.pathOf(chat.id)).toBe(join(modelsDir, 'My Chat Model.gguf'));

    await catalog.dispose();
    const reopened = await ModelCatalog.open({ dir: modelsDir, logger });
    expect(reopened.list()).toEqual(catalog.list());
    expect(reopened.defaults()).toEqual({ chat: chat.id, embedding: embed.id });

    expect(await reopened.delete(chat.id)).toBe(true);
    expect(await reopened.delete(chat.id)).toBe(false);
    expect(reopened.defaults()).toEqual({ chat: null, embedding: embed.id });
    expect((await readdir(modelsDir)).sort()).toEqual(['catalog.json', 'words.gguf']);
    expect(JSON.parse(await readFile(join(modelsDir, 'catalog.json'), 'utf8')).defaults.chat).toBeNull();
  });

  it('imports a reranker as a reranker: no chat or embedding default, and neither role can be given to it', async () => {
    const { catalog } = await freshCatalog();
    const file = (await createTinyRerankerModel(join(fixtures, 'tiny-reranker.gguf'))).path;
    const reranker = await catalog.importFile(file);
    expect(reranker).toMatchObject({ architecture: 'bert', isReranker: true, isEmbeddingModel: false });
    expect(catalog.defaults()).toEqual({ chat: null, embedding: null });
    expect((await failure(catalog.setDefault('chat', reranker.id))).code).toBe('INVALID_INPUT');
    expect((await failure(catalog.setDefault('embedding', reranker.id))).code).toBe('INVALID_INPUT');
  });

  it('moves a staged upload into the catalogue', async () => {
    const { catalog } = await freshCatalog();
    const staged = join(fixtures, 'staged-data');
    await copyFile(join(fixtures, 'served.gguf'), staged);
    const model = await catalog.importFile(staged, { move: true, displayName: 'Uploaded' });
    expect(model.fileName).toBe('staged-data.gguf');
    await expect(stat(staged)).rejects.toThrow();
  });

  it('rejects bad files and leaves nothing behind in models/', async () => {
    const { catalog, modelsDir } = await freshCatalog();
    const bad = [
      await createNotGguf(join(fixtures, 'notes.gguf'), { text: true }),
      await createTruncated(join(fixtures, 'cut.gguf')),
      await createMissingKey(join(fixtures, 'missing.gguf')),
      await createWrongShape(join(fixtures, 'wrong-shape.gguf')),
      await createBadVersion(join(fixtures, 'bad-version.gguf')),
      await createHugeCounts(join(fixtures, 'huge-counts.gguf')),
      await createHugeArray(join(fixtures, 'huge-array.gguf')),
    ];
    for (const path of bad) {
      const error = await failure(catalog.importFile(path));
      expect(error.code, path).toBe('MODEL_INVALID');
      // Words for a person: what is wrong with the file, no stack and no parser internals.
      expect(error.message, path).toMatch(/model|GGUF|file/i);
      expect(error.message, path).not.toMatch(/\n\s+at |RangeError|out of range|allocation failed/);
    }
    expect((await failure(catalog.importFile(join(fixtures, 'absent.gguf')))).code).toBe('NOT_FOUND');
    expect(catalog.list()).toEqual([]);
    expect(await readdir(modelsDir)).toEqual([]);
    // A refused move leaves the person's file where it was.
    await catalog.importFile(bad[1] as string, { move: true }).catch(() => undefined);
    expect((await stat(bad[1] as string)).isFile()).toBe(true);
  });

  it('sets a corrupt catalogue aside and drops entries whose file is gone', async () => {
    const { catalog, modelsDir } = await freshCatalog();
    const model = await catalog.importFile(join(fixtures, 'served.gguf'));
    await catalog.dispose();
    await rm(join(modelsDir, model.fileName));
    const reopened = await ModelCatalog.open({ dir: modelsDir, logger });
    expect(reopened.list()).toEqual([]);
    expect(reopened.defaults().chat).toBeNull();
    await writeFile(join(modelsDir, 'catalog.json'), '{ not json');
    const again = await ModelCatalog.open({ dir: modelsDir, logger });
    expect(again.list()).toEqual([]);
    expect((await readdir(modelsDir)).some((f) => f.startsWith('catalog.json.corrupt-'))).toBe(true);
  });
});

describe('ModelCatalog: download', () => {
  it('resumes an interrupted download with Range and ends sha256-identical', async () => {
    const server = await fileServer({ cutAfter: 1_500_000 });
    const { catalog, modelsDir } = await freshCatalog({ huggingFaceBaseUrl: server.base });
    const source = 'hf:hearth/tiny-GGUF/served.gguf';
    const first = await failure(catalog.download(source));
    expect(first.code).toBe('REMOTE_UNAVAILABLE');
    expect(first.message).toMatch(/lost after [\d.]+ (KB|MB)\. Start the download again to continue/);
    // A destroyed socket drops what was still in flight: some of the 1.5 MB sent, not necessarily all.
    const kept = (await stat(join(modelsDir, 'served.gguf.partial'))).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1_500_000);

    const progress: DownloadProgress[] = [];
    const model = await catalog.download(source, { sha256: modelSha, onProgress: (p) => progress.push(p) });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/hearth/tiny-GGUF/resolve/main/served.gguf',
      '/hearth/tiny-GGUF/resolve/main/served.gguf',
    ]);
    expect(server.requests[1]).toMatchObject({ range: `bytes=${kept}-`, ifRange: '"v1"' });
    expect(progress[0]).toMatchObject({ receivedBytes: kept, totalBytes: modelBytes.length, resumed: true });
    expect(progress.at(-1)?.receivedBytes).toBe(modelBytes.length);
    expect(model).toMatchObject({ source, sha256: modelSha, displayName: 'Served', fileName: 'served.gguf' });
    expect(sha(await readFile(catalog.pathOf(model.id)))).toBe(modelSha);
    expect((await readdir(modelsDir)).sort()).toEqual(['catalog.json', 'served.gguf']);
  });

  it('starts over when the server ignores Range', async () => {
    const server = await fileServer({ cutAfter: 1_000_000 });
    const { catalog, modelsDir } = await freshCatalog();
    const url = `${server.base}/files/served.gguf`;
    await failure(catalog.download(url));
    const kept = (await stat(join(modelsDir, 'served.gguf.partial'))).size;
    server.mode.ignoreRange = true;
    const progress: DownloadProgress[] = [];
    const model = await catalog.download(url, { onProgress: (p) => progress.push(p) });
    expect(server.requests[1]?.range).toBe(`bytes=${kept}-`);
    expect(progress[0]).toMatchObject({ receivedBytes: 0, resumed: false });
    expect(sha(await readFile(catalog.pathOf(model.id)))).toBe(modelSha);
  });

  it('starts over when the file changed on the server (If-Range)', async () => {
    const server = await fileServer({ cutAfter: 1_000_000 });
    const { catalog } = await freshCatalog();
    const url = `${server.base}/served.gguf`;
    await failure(catalog.download(url));
    server.mode.etag = '"v2"';
    const model = await catalog.download(url);
    expect(server.requests[1]?.ifRange).toBe('"v1"');
    expect(sha(await readFile(catalog.pathOf(model.id)))).toBe(modelSha);
  });

  it('rejects a checksum mismatch and removes the partial file', async () => {
    const server = await fileServer();
    const { catalog, modelsDir } = await freshCatalog();
    const error = await failure(catalog.download(`${server.base}/served.gguf`, { sha256: 'a'.repeat(64) }));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/SHA-256 does not match the one you entered/);
    expect(error.details).toEqual({ expected: 'a'.repeat(64), actual: modelSha, checksum: true });
    expect(await readdir(modelsDir)).toEqual([]);
  });

  it('checks the SHA-256 again when the link was downloaded before', async () => {
    const server = await fileServer();
    const { catalog } = await freshCatalog();
    const url = `${server.base}/served.gguf`;
    const model = await catalog.download(url);
    const error = await failure(catalog.download(url, { sha256: 'b'.repeat(64) }));
    expect(error).toMatchObject({ code: 'MODEL_INVALID', details: { checksum: true, actual: modelSha } });
    expect(await catalog.download(url, { sha256: modelSha.toUpperCase() })).toMatchObject({ id: model.id });
    expect(catalog.list()).toHaveLength(1);
  });

  it('cancel → CANCELLED with the partial kept, and a later call finishes it', async () => {
    const server = await fileServer({ stallAfter: 2_000_000 });
    const { catalog, modelsDir } = await freshCatalog();
    const url = `${server.base}/served.gguf`;
    const controller = new AbortController();
    const progress: DownloadProgress[] = [];
    const onProgress = (p: DownloadProgress): void => {
      progress.push(p);
      if (p.receivedBytes >= 2_000_000) controller.abort();
    };
    const error = await failure(catalog.download(url, { signal: controller.signal, onProgress }));
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toMatch(/2 MB received are kept/);
    expect((await stat(join(modelsDir, 'served.gguf.partial'))).size).toBe(2_000_000);
    // Progress never goes back, and carries a speed.
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.receivedBytes).toBeGreaterThanOrEqual(progress[i - 1]!.receivedBytes);
    }
    expect(progress.some((p) => p.bytesPerSecond > 0)).toBe(true);

    server.mode.stallAfter = undefined;
    const model = await catalog.download(url);
    expect(server.requests.at(-1)?.range).toBe('bytes=2000000-');
    expect(sha(await readFile(catalog.pathOf(model.id)))).toBe(modelSha);
  });

  it('finishes a partial file that was already complete (HTTP 416) without downloading again', async () => {
    const server = await fileServer();
    const { catalog, modelsDir } = await freshCatalog();
    const url = `${server.base}/served.gguf`;
    // As left by a crash between the last byte and the rename into place.
    await writeFile(join(modelsDir, 'served.gguf.partial'), modelBytes);
    await writeFile(join(modelsDir, 'served.gguf.partial.json'), JSON.stringify({ url, etag: '"v1"' }));
    const model = await catalog.download(url, { sha256: modelSha });
    expect(server.requests).toEqual([{ url: '/served.gguf', range: `bytes=${modelBytes.length}-`, ifRange: '"v1"' }]);
    expect(model.sha256).toBe(modelSha);
  });

  it('follows a redirect, keeping the Range request', async () => {
    const server = await fileServer({ cutAfter: 500_000 });
    const { catalog, modelsDir } = await freshCatalog();
    const url = `${server.base}/moved/served.gguf`;
    await failure(catalog.download(url));
    const kept = (await stat(join(modelsDir, 'served.gguf.partial'))).size;
    const model = await catalog.download(url);
    expect(server.requests.map((r) => [r.url, r.range])).toEqual([
      ['/moved/served.gguf', undefined],
      ['/served.gguf', undefined],
      ['/moved/served.gguf', `bytes=${kept}-`],
      ['/served.gguf', `bytes=${kept}-`],
    ]);
    expect(sha(await readFile(catalog.pathOf(model.id)))).toBe(modelSha);
  });

  it('a stalled server is given up on with a clear message', async () => {
    const server = await fileServer({ stallAfter: 100_000 });
    const { catalog, modelsDir } = await freshCatalog({ stallTimeoutMs: 500 });
    const error = await failure(catalog.download(`${server.base}/served.gguf`));
    expect(error.code).toBe('REMOTE_UNAVAILABLE');
    expect(error.message).toMatch(/stalled: nothing arrived for 1 s/);
    expect((await stat(join(modelsDir, 'served.gguf.partial'))).size).toBe(100_000);
  });

  it('maps 404, an error page, an unreachable host and a non-https source to clear errors', async () => {
    const server = await fileServer();
    const { catalog, modelsDir } = await freshCatalog();
    expect((await failure(catalog.download(`${server.base}/missing`))).code).toBe('NOT_FOUND');
    server.mode.body = Buffer.from('<!DOCTYPE html><p>Rate limited</p>');
    const page = await failure(catalog.download(`${server.base}/served.gguf`));
    expect(page.code).toBe('MODEL_INVALID');
    expect(page.message).toMatch(/web page/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const unreachable = await failure(catalog.download(`http://127.0.0.1:${port}/x.gguf`));
    expect(unreachable.code).toBe('REMOTE_UNAVAILABLE');
    expect(unreachable.message).toMatch(/could not reach 127\.0\.0\.1/);
    expect((await failure(catalog.download('http://example.com/x.gguf'))).code).toBe('INVALID_INPUT');
    expect((await failure(catalog.download('file:///etc/passwd'))).code).toBe('INVALID_INPUT');
    expect(await readdir(modelsDir)).toEqual([]);
  });
});
