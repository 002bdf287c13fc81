// Hearth's development S3 server: s3rver (npm) behind a real AWS Signature V4 check. It stands in for the bundled
// MinIO where no MinIO binary exists (development machines, CI on Linux); the packaged app never runs it.
//
//   node devS3Server.mjs --directory <dir> --port <port> [--address 127.0.0.1]
//
// Credentials come from HEARTH_S3_ACCESS_KEY / HEARTH_S3_SECRET_KEY (never argv, which `ps` shows to everyone).
// GET /_hearth/health answers 200 without credentials ("_" cannot start a bucket name, so it shadows nothing).
// Plain JavaScript so that Node (or Electron with ELECTRON_RUN_AS_NODE=1) runs it as is. It prints one line when
// ready and nothing secret.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';

/** Multipart uploads nobody completed (s3rver refuses AbortMultipartUpload) are swept after this long. */
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;
/** The clock skew AWS allows between a signed request and the server. */
const MAX_SKEW_MS = 15 * 60 * 1000;
export const SERVER_HEADER = 'Hearth-dev-S3 (s3rver)';

function parseArgs(argv) {
  const options = { directory: '', port: NaN, address: '127.0.0.1' };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) fail(`missing value for ${name}`);
    else if (name === '--directory') options.directory = value;
    else if (name === '--port') options.port = Number(value);
    else if (name === '--address') options.address = value;
    else fail(`unknown option ${name}`);
  }
  if (!options.directory) fail('--directory is required');
  if (!Number.isInteger(options.port) || options.port <= 0 || options.port > 65535) fail('--port must be a port');
  return options;
}

function fail(message) {
  process.stderr.write(`dev-s3: ${message}\n`);
  process.exit(64);
}

/**
 * Verifies an `Authorization: AWS4-HMAC-SHA256 …` header; returns null when it is valid, else why not. s3rver itself
 * checks only that the access key exists and lets unsigned requests through, which would make the keychain pointless.
 * The payload hash is taken as declared: the signature binds it, and on loopback nobody can alter the body unseen.
 */
export function verifySignatureV4(request, accessKey, secretKey, now = Date.now()) {
  const header = request.headers['authorization'];
  if (typeof header !== 'string') return 'the request is not signed';
  const match = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    header.trim(),
  );
  if (!match) return 'the Authorization header is not an AWS Signature V4';
  const [, credential, signedHeaderList, signature] = match;
  const [key, day, region, service, terminator, ...rest] = credential.split('/');
  if (rest.length || terminator !== 'aws4_request' || !day || !region || !service) return 'malformed credential scope';
  if (key !== accessKey) return 'unknown access key';
  const amzDate = request.headers['x-amz-date'];
  const payloadHash = request.headers['x-amz-content-sha256'];
  if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(day)) {
    return 'missing or malformed x-amz-date';
  }
  if (typeof payloadHash !== 'string') return 'missing x-amz-content-sha256';
  const requestTime = Date.parse(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:` +
      `${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  if (!Number.isFinite(requestTime) || Math.abs(now - requestTime) > MAX_SKEW_MS) return 'request time too skewed';

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) return 'the host header is not signed';
  const canonicalHeaders = signedHeaders.map((name) => {
    const value = request.headers[name];
    return `${name}:${(Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/ +/g, ' ')}\n`;
  });
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  // Sorted as the minio client sorts (whole "name=value" strings); identical to AWS's order for S3's parameters.
  const canonicalQuery = query
    ? query
        .split('&')
        .sort()
        .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
        .join('&')
    : '';
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders.join(''),
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let signingKey = Buffer.from(`AWS4${secretKey}`);
  for (const part of [day, region, service, 'aws4_request']) {
    signingKey = createHmac('sha256', signingKey).update(part).digest();
  }
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? null : 'signature mismatch';
}

/** Removes multipart uploads older than STALE_UPLOAD_MS (s3rver keeps them under <bucket>/._S3rver_uploads/<id>). */
async function sweepStaleUploads(directory) {
  const buckets = await readdir(directory).catch(() => []);
  let swept = 0;
  for (const bucket of buckets) {
    const uploads = join(directory, bucket, '._S3rver_uploads');
    const ids = await readdir(uploads).catch(() => []);
    for (const id of ids) {
      const dir = join(uploads, id);
      const info = await stat(dir).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_UPLOAD_MS) {
        await rm(dir, { recursive: true, force: true });
        swept++;
      }
    }
  }
  return swept;
}

/**
 * Buffers a listing response so its XML can be rewritten before it leaves: `transform(xml)` runs on a 200 body.
 */
function rewriteBody(response, transform) {
  const chunks = [];
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  response.write = (chunk, ...rest) => {
    chunks.push(Buffer.from(chunk));
    const callback = rest.find((arg) => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  };
  response.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
    let body = Buffer.concat(chunks);
    if (response.statusCode === 200) {
      body = Buffer.from(transform(body.toString('utf8')));
      if (!response.headersSent) response.setHeader('content-length', body.length);
    }
    response.write = write;
    response.end = end;
    return end(body, ...rest.filter((arg) => typeof arg === 'function'));
  };
}

/**
 * s3rver ignores `encoding-type=url` on listings, yet the minio client always asks for it and URL-decodes every key,
 * so a key with `+` or `%` would come back altered. Encode keys and prefixes in the XML as S3 does.
 */
function encodeListingKeys(xml) {
  return xml.replace(
    /<(Key|Prefix)>([^<]*)<\/\1>/g,
    (_, tag, value) => `<${tag}>${encodeKey(unescapeXml(value))}</${tag}>`,
  );
}

const TOKEN_PREFIX = 'hearth-v1:';

/** An opaque continuation token naming the last key (or common prefix) of a page. */
function continuationToken(lastKey) {
  return Buffer.from(TOKEN_PREFIX + lastKey, 'utf8').toString('base64url');
}

/** The key a token continues after, or null when it is not one of ours. */
function continuedAfter(token) {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(TOKEN_PREFIX) ? text.slice(TOKEN_PREFIX.length) : null;
}

/**
 * ListObjectsV2 served from s3rver's V1 (marker) listing. s3rver makes its continuation tokens with DES, which
 * OpenSSL 3 refuses, so every V2 listing of more than one page failed with a 500 (seen at ~1,200 objects: the living
 * library could not start). The request is rewritten to V1 with `marker`, and the reply back to V2 with our tokens.
 * Returns the V1 → V2 body rewrite, or an S3 error to send.
 */
function listingV2AsV1(request) {
  const url = new URL(request.url ?? '/', 'http://local');
  const query = url.searchParams;
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after');
  let marker = startAfter ?? '';
  if (token !== null) {
    const after = continuedAfter(token);
    if (after === null) return { error: 'The continuation token provided is incorrect' };
    marker = after;
  }
  for (const name of ['list-type', 'continuation-token', 'start-after', 'fetch-owner']) query.delete(name);
  if (marker) query.set('marker', marker);
  const search = query.toString();
  request.url = url.pathname + (search ? `?${search}` : '');
  return {
    transform(xml) {
      const last = [...xml.matchAll(/<(?:Key|Prefix)>([^<]*)<\/(?:Key|Prefix)>/g)]
        .slice(1) // the first <Prefix> is the listing's own prefix
        .map((m) => unescapeXml(m[1]))
        .reduce((max, key) => (key > max ? key : max), '');
      const count = (xml.match(/<Contents>/g) ?? []).length + (xml.match(/<CommonPrefixes>/g) ?? []).length;
      const truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml);
      const v2 =
        (token !== null ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '') +
        (token === null && startAfter ? `<StartAfter>${escapeXml(startAfter)}</StartAfter>` : '') +
        (truncated && last ? `<NextContinuationToken>${continuationToken(last)}</NextContinuationToken>` : '') +
        `<KeyCount>${count}</KeyCount>`;
      return xml
        .replace(/<Marker>[^<]*<\/Marker>|<NextMarker>[^<]*<\/NextMarker>/g, '')
        .replace(/(<Prefix>[^<]*<\/Prefix>)/, `$1${v2}`);
    },
  };
}

function escapeXml(text) {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}

function unescapeXml(text) {
  return text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (entity, name, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name] ?? entity;
  });
}

/** AWS's URL encoding of keys in listings: everything but unreserved characters and '/'. */
function encodeKey(key) {
  return encodeURIComponent(key)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');
}

/** Which rewrites a bucket listing needs: V2 → V1 (s3rver's tokens are broken) and URL-encoded keys. */
function listingKind(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url ?? '/', 'http://local');
  const segments = url.pathname.split('/').filter(Boolean);
  const query = url.searchParams;
  if (segments.length !== 1 || ['uploads', 'location', 'cors', 'website', 'versions'].some((q) => query.has(q))) {
    return null;
  }
  return { v2: query.get('list-type') === '2', urlEncoded: query.get('encoding-type') === 'url' };
}

function sendError(response, status, code, message) {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message><Resource></Resource><RequestId>0</RequestId></Error>`;
  response.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const accessKey = process.env.HEARTH_S3_ACCESS_KEY ?? '';
  const secretKey = process.env.HEARTH_S3_SECRET_KEY ?? '';
  // Nothing this process starts should inherit them.
  delete process.env.HEARTH_S3_ACCESS_KEY;
  delete process.env.HEARTH_S3_SECRET_KEY;
  if (accessKey.length < 3 || secretKey.length < 8) fail('HEARTH_S3_ACCESS_KEY / HEARTH_S3_SECRET_KEY are not set');

  // s3rver ships a well-known key pair (S3RVER/S3RVER); only ours may sign.
  AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER');
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);

  const swept = await sweepStaleUploads(options.directory);
  const s3rver = new S3rver({ directory: options.directory, silent: true, vhostBuckets: false });
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    response.setHeader('server', SERVER_HEADER);
    if (request.method === 'GET' && request.url === '/_hearth/health') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
      return;
    }
    const problem = verifySignatureV4(request, accessKey, secretKey);
    if (problem !== null) {
      request.resume();
      sendError(response, 403, 'AccessDenied', `Access denied: ${problem}.`);
      return;
    }
    // Verified: s3rver need not see it, and its multipart code would store every request header, the access key
    // in this one included, on disk.
    delete request.headers['authorization'];
    const listing = listingKind(request);
    if (listing) {
      const v2 = listing.v2 ? listingV2AsV1(request) : null;
      if (v2?.error) {
        request.resume();
        sendError(response, 400, 'InvalidArgument', v2.error);
        return;
      }
      rewriteBody(response, (xml) => {
        const shaped = v2 ? v2.transform(xml) : xml;
        return listing.urlEncoded ? encodeListingKeys(shaped) : shaped;
      });
    }
    handle(request, response);
  });
  // Large parts arrive slowly on a busy machine; Node's default 5-minute request timeout is plenty, keep-alive short.
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, resolve);
  });
  process.stdout.write(
    `dev-s3 listening on http://${options.address}:${options.port}` +
      (swept ? ` (removed ${swept} abandoned multipart uploads)` : '') +
      '\n',
  );
  const stop = () => {
    server.close(() => process.exit(0));
    // In-flight transfers would hold close() open; whoever stops us does not wait for them.
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// Importable by tests (verifySignatureV4) without starting a server.
function isMain() {
  try {
    return Boolean(process.argv[1]) && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1]);
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
}
