import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { ObjectServer, ObjectStore } from '../../electron/core/objects';
import type { SecretBackend } from '../../electron/core/secrets/SecretBackend';
import { SecretsService } from '../../electron/core/secrets/SecretsService';
import { Supervisor } from '../../electron/core/supervisor';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';
import { sourceTreeSidecars } from '../../tests/helpers/sourceTreeSidecars';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SIZE = 200 * 1024 * 1024;
const RUNS = 3;
const SMALL_SIZE = 64 * 1024;
const SMALL_RUNS = 50;

/** The bench measures transfer, not the keychain: credentials live in memory here (no Secret Service needed). */
function memoryKeychain(): SecretBackend {
  const values = new Map<string, string>();
  return {
    kind: 'keychain',
    set: async (account, value) => void values.set(account, value),
    get: async (account) => values.get(account) ?? null,
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}

async function writeRandomFile(path: string, size: number): Promise<string> {
  const file = await open(path, 'w');
  const hash = createHash('sha256');
  try {
    const block = 4 * 1024 * 1024;
    for (let offset = 0; offset < size; offset += block) {
      const bytes = randomBytes(Math.min(block, size - offset));
      hash.update(bytes);
      await file.write(bytes, 0, bytes.length, offset);
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

const mbPerSecond = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);

/**
 * Object store throughput against the object sidecar Hearth would run here: MinIO where `native/bin` has a build,
 * else the development S3 server (s3rver, a Node process). A 200 MB file (random bytes) goes up part by part
 * (16 MiB parts) and comes back; median of 3 runs. Plus small-object put latency.
 */
export async function storageObjectsSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-objects-'));
  const logger = pino({ level: 'warn' });
  const supervisor = new Supervisor({
    runDir: join(dataDir, 'run'),
    watchdogPath: join(root, 'electron/core/supervisor/watchdog.cjs'),
    node: { command: process.execPath },
    logger,
  });
  const secrets = await SecretsService.open({
    service: 'Hearth bench',
    dataDir,
    logger,
    keychain: memoryKeychain(),
    allowFileFallback: false,
  });
  const server = new ObjectServer({
    supervisor,
    secrets,
    logger,
    objectsDir: join(dataDir, 'objects'),
    node: { command: process.execPath },
    ...sourceTreeSidecars(root),
  });
  let store: ObjectStore | undefined;
  try {
    const connection = await server.start();
    store = new ObjectStore({ connection, logger });
    await store.ensureBucket();
    const bigPath = join(dataDir, 'big.bin');
    const bigSha = await writeRandomFile(bigPath, SIZE);

    const uploads: number[] = [];
    const downloads: number[] = [];
    let parts = 0;
    for (let run = 0; run < RUNS; run++) {
      const key = `bench/big-${run}.bin`;
      const t0 = performance.now();
      const result = await store.upload(key, bigPath);
      uploads.push(performance.now() - t0);
      parts = result.parts;
      if (result.sha256 !== bigSha) throw new Error('upload hashed different bytes');

      const t1 = performance.now();
      let received = 0;
      for await (const chunk of await store.download(key)) received += (chunk as Buffer).length;
      downloads.push(performance.now() - t1);
      if (received !== SIZE) throw new Error(`downloaded ${received} of ${SIZE} bytes`);
    }
    // Integrity once, outside the timings.
    const check = createHash('sha256');
    for await (const chunk of await store.download('bench/big-0.bin')) check.update(chunk as Buffer);
    if (check.digest('hex') !== bigSha) throw new Error('downloaded bytes differ from the upload');
    const readBaseline = performance.now();
    for await (const _ of createReadStream(bigPath)) void _;
    const diskReadMs = performance.now() - readBaseline;

    const smallPath = join(dataDir, 'small.bin');
    await writeRandomFile(smallPath, SMALL_SIZE);
    const small: number[] = [];
    for (let i = 0; i < SMALL_RUNS; i++) {
      const t0 = performance.now();
      await store.upload(`bench/small-${i}.bin`, smallPath);
      small.push(performance.now() - t0);
    }

    const median = (values: number[]): number => percentile(values, 50);
    const rows: BenchRow[] = [
      {
        metric: 'object upload (200 MB, multipart)',
        value: round(mbPerSecond(SIZE, median(uploads)), 1),
        unit: 'MB/s',
        note: `median of ${RUNS}; ${parts} parts of 16 MiB; best ${round(mbPerSecond(SIZE, Math.min(...uploads)), 1)}`,
      },
      {
        metric: 'object download (200 MB)',
        value: round(mbPerSecond(SIZE, median(downloads)), 1),
        unit: 'MB/s',
        note: `median of ${RUNS}; best ${round(mbPerSecond(SIZE, Math.min(...downloads)), 1)}`,
      },
      {
        metric: 'small object put p50 (64 KiB)',
        value: round(median(small), 2),
        unit: 'ms',
        note: `${SMALL_RUNS} single-request uploads; p99 ${round(percentile(small, 99), 2)} ms`,
      },
      {
        metric: 'local file read (baseline)',
        value: round(mbPerSecond(SIZE, diskReadMs), 1),
        unit: 'MB/s',
        note: 'the same file through fs, page cache warm',
      },
    ];
    return {
      rows,
      meta: {
        server: server.status.kind,
        note:
          server.status.kind === 'dev-s3'
            ? 'development S3 server (s3rver in Node), not MinIO: MinIO on the macOS runner will differ'
            : undefined,
        bytes: SIZE,
        partSize: store.partSize,
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
      },
    };
  } finally {
    store?.dispose();
    await server.dispose();
    await supervisor.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}
