import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HearthError } from '../../../shared/errors';
import { fileErrorCode } from '../../errors/fileErrorCode';
import { formatBytes } from '../../../shared/formatBytes';
import type { AddressCheck } from './publicOnlyLookup';
import { requestUrl } from './requestUrl';
import { isAllowedUrl } from './resolveModelSource';

/** One progress report; `receivedBytes` counts bytes kept from an earlier attempt too, so it never goes back. */

/** The span the reported speed is measured over. */
const SPEED_WINDOW_MS = 5_000;
export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
  /** True when this download continued a partial file. */
  resumed: boolean;
}

/** Options for one download attempt. */
export interface DownloadModelFileOptions {
  /** What to fetch; redirects are followed by hand, each hop checked (https, or http to loopback only). */
  url: URL;
  /** Where bytes accumulate; kept on cancel or a lost connection so the next attempt resumes from it. */
  partialPath: string;
  /** Cancels the download (→ CANCELLED, partial kept). */
  signal?: AbortSignal;
  /** Called at most every `progressIntervalMs`, and once at the start and the end. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Which addresses every request (first and redirects) may connect to; see requestUrl. */
  addresses: 'any' | 'public';
  /** How 'public' is checked; the real resolver and ranges by default. */
  addressCheck?: AddressCheck;
  /** Give up when no byte arrives for this long; 60 s by default. */
  stallTimeoutMs?: number;
  /** Minimum time between progress events; 200 ms by default. */
  progressIntervalMs?: number;
}

/** A complete download (still at `partialPath`). */
export interface DownloadedFile {
  size: number;
  sha256: string;
  resumed: boolean;
}

/** Stored next to the partial file, so a resume asks for the same resource and can send If-Range. */
interface PartialMeta {
  url: string;
  etag: string | null;
  lastModified: string | null;
  totalBytes: number | null;
}

const MAX_REDIRECTS = 10;

/**
 * Downloads `url` into `partialPath`, resuming with an HTTP Range request when a partial file of the same URL is
 * there: a 206 continues it, a 200 (server ignores Range, or If-Range found the file changed) starts over.
 */
export async function downloadModelFile(options: DownloadModelFileOptions): Promise<DownloadedFile> {
  return attempt(options, true);
}

async function attempt(options: DownloadModelFileOptions, mayRetry: boolean): Promise<DownloadedFile> {
  const { url, partialPath } = options;
  const metaPath = `${partialPath}.json`;
  const meta = await readMeta(metaPath);
  let offset = meta?.url === url.href ? ((await stat(partialPath).catch(() => null))?.size ?? 0) : 0;
  const headers: Record<string, string> = {};
  if (offset > 0 && meta) {
    headers.range = `bytes=${offset}-`;
    // A weak ETag cannot be used in If-Range; Last-Modified can.
    const validator = meta.etag && !meta.etag.startsWith('W/') ? meta.etag : meta.lastModified;
    if (validator) headers['if-range'] = validator;
  }

  const stall = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stall.signal]) : stall.signal;
  const stallMs = options.stallTimeoutMs ?? 60_000;
  let stallTimer = setTimeout(() => stall.abort(), stallMs);
  const resetStall = (): void => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => stall.abort(), stallMs);
  };
  let file: FileHandle | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let received = offset;
  try {
    const response = await fetchFollowing(url, headers, signal, options);
    let total: number | null;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (range?.start !== offset) {
        // Not the bytes we asked for: start over rather than splice the wrong ones in.
        await response.body?.cancel();
        await discardPartial(partialPath);
        if (mayRetry) return await attempt(options, false);
        throw new HearthError('REMOTE_UNAVAILABLE', 'The server sent a part of the file Hearth did not ask for.');
      }
      total = range.total;
    } else if (response.status === 416 && offset > 0) {
      await response.body?.cancel();
      const range = parseContentRange(response.headers.get('content-range'));
      if (range?.total === offset) return await finish(options, offset, true);
      await discardPartial(partialPath);
      if (mayRetry) return await attempt(options, false);
      throw new HearthError('REMOTE_UNAVAILABLE', 'The server refused to continue the download.');
    } else if (response.ok) {
      offset = 0;
      received = 0;
      const length = response.headers.get('content-length');
      total = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    } else {
      await response.body?.cancel();
      throw httpError(response.status, url);
    }
    const resumed = offset > 0;
    if (total !== null) await ensureSpace(partialPath, total - offset, response);
    await writeFile(
      metaPath,
      JSON.stringify({
        url: url.href,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        totalBytes: total,
      } satisfies PartialMeta),
    );

    let lastReport = 0;
    // Speed over the last few seconds, not since the start: a stalled transfer shows 0 B/s soon, not a slow decline.
    const samples: { at: number; bytes: number }[] = [{ at: Date.now(), bytes: received }];
    const report = (force: boolean): void => {
      const now = Date.now();
      if (!force && now - lastReport < (options.progressIntervalMs ?? 200)) return;
      lastReport = now;
      samples.push({ at: now, bytes: received });
      while (samples.length > 2 && now - samples[1]!.at >= SPEED_WINDOW_MS) samples.shift();
      const oldest = samples[0]!;
      const seconds = Math.max((now - oldest.at) / 1000, 0.001);
      options.onProgress?.({
        receivedBytes: received,
        totalBytes: total,
        bytesPerSecond: Math.round((received - oldest.bytes) / seconds),
        resumed,
      });
    };
    report(true);
    // Also on a timer, so a stalled transfer still reports (its speed falling) and the UI never freezes.
    ticker = setInterval(() => report(true), options.progressIntervalMs ?? 200);
    file = await open(partialPath, resumed ? 'a' : 'w');
    for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
      resetStall();
      await file.write(chunk);
      received += chunk.length;
      report(false);
    }
    await file.close();
    file = undefined;
    clearTimeout(stallTimer);
    clearInterval(ticker);
    report(true);
    if (total !== null && received !== total) {
      throw new HearthError(
        'REMOTE_UNAVAILABLE',
        `The connection ended after ${formatBytes(received)} of ${formatBytes(total)}. ` +
          'Start the download again to continue where it stopped.',
      );
    }
    return await finish(options, received, resumed);
  } catch (error) {
    throw translate(error, options.signal, stall.signal, url, received, stallMs);
  } finally {
    clearTimeout(stallTimer);
    clearInterval(ticker);
    await file?.close().catch(() => undefined);
  }
}

/** Hashes the complete partial file (including bytes from earlier attempts). */
async function finish(options: DownloadModelFileOptions, size: number, resumed: boolean): Promise<DownloadedFile> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(options.partialPath, { signal: options.signal })) {
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex'), resumed };
}

/**
 * Follows redirects by hand so every hop is checked (scheme here, addresses in requestUrl) and Range/If-Range go to
 * the final server.
 */
async function fetchFollowing(
  start: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  options: Pick<DownloadModelFileOptions, 'addresses' | 'addressCheck'>,
): Promise<Response> {
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await requestUrl(url, {
      headers,
      signal,
      addresses: options.addresses,
      ...(options.addressCheck ? { check: options.addressCheck } : {}),
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    url = new URL(location, url);
    if (!isAllowedUrl(url)) {
      throw new HearthError(
        'REMOTE_UNAVAILABLE',
        `The server redirected the download to an address Hearth will not use.`,
        {
          host: url.host,
        },
      );
    }
  }
  throw new HearthError('REMOTE_UNAVAILABLE', 'The server redirected the download too many times.');
}

/** Refuses up front what the disk cannot hold, rather than failing gigabytes in. */
async function ensureSpace(partialPath: string, needed: number, response: Response): Promise<void> {
  const fs = await statfs(dirname(partialPath)).catch(() => null);
  if (fs && fs.bavail * fs.bsize < needed) {
    await response.body?.cancel();
    throw new HearthError(
      'DISK_FULL',
      `This download needs ${formatBytes(needed)} but only ${formatBytes(fs.bavail * fs.bsize)} are free.`,
      { neededBytes: needed },
    );
  }
}

/** Removes a partial download and its resume record. */
export async function discardPartial(partialPath: string): Promise<void> {
  await rm(partialPath, { force: true });
  await rm(`${partialPath}.json`, { force: true });
}

async function readMeta(path: string): Promise<PartialMeta | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<PartialMeta>;
    return typeof parsed.url === 'string'
      ? {
          url: parsed.url,
          etag: parsed.etag ?? null,
          lastModified: parsed.lastModified ?? null,
          totalBytes: parsed.totalBytes ?? null,
        }
      : null;
  } catch {
    return null;
  }
}

function parseContentRange(value: string | null): { start: number | null; total: number | null } | null {
  const m = value ? /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/i.exec(value.trim()) : null;
  if (!m) return null;
  return { start: m[1] === undefined ? null : Number(m[1]), total: m[2] === '*' ? null : Number(m[2]) };
}

function httpError(status: number, url: URL): HearthError {
  const details = { status, host: url.host };
  if (status === 404 || status === 410) {
    return new HearthError('NOT_FOUND', `There is no file at this address (HTTP ${status}). Check the link.`, details);
  }
  if (status === 401 || status === 403) {
    return new HearthError(
      'REMOTE_UNAVAILABLE',
      `${url.host} refused the download (HTTP ${status}). The model may require signing in and accepting its ` +
        'licence on its web page.',
      details,
    );
  }
  return new HearthError(
    'REMOTE_UNAVAILABLE',
    `${url.host} could not send the file (HTTP ${status}). Try again later.`,
    details,
  );
}

function translate(
  error: unknown,
  userSignal: AbortSignal | undefined,
  stallSignal: AbortSignal,
  url: URL,
  received: number,
  stallMs: number,
): unknown {
  if (userSignal?.aborted) {
    return new HearthError(
      'CANCELLED',
      `The download was stopped. The ${formatBytes(received)} received are kept; start it again to continue.`,
      { receivedBytes: received },
    );
  }
  if (error instanceof HearthError) return error;
  if (stallSignal.aborted) {
    return new HearthError(
      'REMOTE_UNAVAILABLE',
      `The download stalled: nothing arrived for ${Math.round(stallMs / 1000)} s. Start it again to continue.`,
      { receivedBytes: received },
    );
  }
  if (fileErrorCode(error) === 'DISK_FULL') {
    return new HearthError('DISK_FULL', `The disk is full after ${formatBytes(received)} of the download.`, {
      receivedBytes: received,
    });
  }
  const message =
    received > 0
      ? `The connection to ${url.host} was lost after ${formatBytes(received)}. ` +
        'Start the download again to continue where it stopped.'
      : `Hearth could not reach ${url.host}. Check your connection and the address, then try again.`;
  return new HearthError('REMOTE_UNAVAILABLE', message, { host: url.host, receivedBytes: received }, { cause: error });
}
