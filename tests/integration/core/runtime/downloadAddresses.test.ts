import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelHandlers } from '../../../../electron/core/runtime/modelHandlers';
import type { StreamContext } from '../../../../electron/core/rpc/Dispatcher';
import { isPublicAddress } from '../../../../electron/core/runtime/models/isPublicAddress';
import { ModelCatalog } from '../../../../electron/core/runtime/models/ModelCatalog';
import type { AddressCheck, ResolveAll } from '../../../../electron/core/runtime/models/publicOnlyLookup';
import { StagingArea } from '../../../../electron/core/staging/StagingArea';
import { HearthError } from '../../../../electron/shared/errors';
import { createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { tempDir } from '../../../helpers/tempCore';

/** An https server on one loopback address that counts the requests it gets. */
class Host {
  requests = 0;
  readonly #server: Server;
  constructor(
    tls: { key: Buffer; cert: Buffer },
    private readonly address: string,
    answer: (res: ServerResponse) => void,
  ) {
    this.#server = createServer(tls, (_req, res) => {
      this.requests++;
      answer(res);
    });
  }
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, this.address, resolve));
  }
  url(path: string): string {
    return `https://${this.address}:${(this.#server.address() as AddressInfo).port}${path}`;
  }
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let target: Host;
let mirror: Host;
const logger = pino({ level: 'silent' });
const defaultCAs = getCACertificates('default');

/** 127.0.0.2 stands in for a public mirror on the internet; 127.0.0.1 (this computer) stays what it is. */
const mirrorIsPublic: AddressCheck = { isPublic: (a) => a === '127.0.0.2' || isPublicAddress(a) };

beforeAll(async () => {
  dir = await tempDir('hearth-download-addresses-');
  const key = join(dir.path, 'key.pem');
  const cert = join(dir.path, 'cert.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'],
      ...['-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2'],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const tls = { key: await readFile(key), cert: await readFile(cert) };
  // Trusted as a real host's certificate would be, so the download checks certificates as it does in the app.
  setDefaultCACertificates([...defaultCAs, tls.cert.toString()]);
  const model = await readFile((await createTinyLlamaModel(join(dir.path, 'served.gguf'))).path);
  target = new Host(tls, '127.0.0.1', (res) => res.writeHead(200, { 'content-length': model.length }).end(model));
  await target.listen();
  mirror = new Host(tls, '127.0.0.2', (res) => res.writeHead(302, { location: target.url('/served.gguf') }).end());
  await mirror.listen();
});

afterAll(async () => {
  setDefaultCACertificates(defaultCAs);
  await target?.close();
  await mirror?.close();
  await dir?.remove();
});

async function freshCatalog(addressCheck?: AddressCheck): Promise<ModelCatalog> {
  const models = await tempDir('hearth-download-models-');
  const catalog = await ModelCatalog.open({ dir: models.path, logger, ...(addressCheck ? { addressCheck } : {}) });
  return catalog;
}

async function failure(promise: Promise<unknown>): Promise<HearthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

function ctx(caller: 'desktop' | 'remote-browser'): StreamContext<never> {
  const origin = caller === 'desktop' ? 'ipc' : 'ws';
  return { origin, caller, signal: new AbortController().signal, emit: () => Promise.resolve() };
}

const REFUSED = {
  code: 'PERMISSION_DENIED',
  message: 'Hearth downloads models for a browser on another computer only from public internet addresses.',
  details: undefined,
};

describe('model downloads and the addresses they may reach', () => {
  it('refuses a redirect to 127.0.0.1 for a browser on another computer, and follows it for the desktop user', async () => {
    const catalog = await freshCatalog(mirrorIsPublic);
    const handlers = modelHandlers({ catalog, staging: new StagingArea({ dir: join(dir.path, 'staging') }) });
    const download = handlers['models.download'];
    const source = mirror.url('/served.gguf');

    const refused = await failure(download({ source }, ctx('remote-browser')));
    expect(refused).toMatchObject(REFUSED);
    // The public mirror was asked; the redirect into this computer was never followed.
    expect([mirror.requests, target.requests]).toEqual([1, 0]);

    const model = await download({ source }, ctx('desktop'));
    expect(model).toMatchObject({ source, fileName: 'served.gguf' });
    expect([mirror.requests, target.requests]).toEqual([2, 1]);
    await catalog.dispose();
  });

  it('refuses loopback addresses named directly, IPv4-mapped IPv6 included, before any connection', async () => {
    const catalog = await freshCatalog();
    const before = target.requests;
    for (const source of [
      target.url('/served.gguf'),
      target.url('/served.gguf').replace('127.0.0.1', '[::ffff:127.0.0.1]'),
    ]) {
      expect(await failure(catalog.download(source, { addresses: 'public' }))).toMatchObject(REFUSED);
    }
    expect(target.requests).toBe(before);
    await catalog.dispose();
  });

  it('refuses a host name that resolves to a private address (or to any private one among public ones)', async () => {
    const asked: string[] = [];
    const answers: Record<string, { address: string; family: number }[]> = {
      'models.internal.test': [{ address: '10.0.0.5', family: 4 }],
      'mixed.test': [
        { address: '2606:4700::1111', family: 6 },
        { address: 'fd00::5', family: 6 },
      ],
    };
    const resolve: ResolveAll = (hostname, _options, callback) => {
      asked.push(hostname);
      callback(null, answers[hostname] ?? []);
    };
    const catalog = await freshCatalog({ resolve });
    for (const host of Object.keys(answers)) {
      const error = await failure(catalog.download(`https://${host}/model.gguf`, { addresses: 'public' }));
      expect(error).toMatchObject(REFUSED);
    }
    expect(asked).toEqual(Object.keys(answers));
    await catalog.dispose();
  });
});
