/** What kind of S3 server answers: only MinIO has bucket notifications (`listenBucketNotification`). */
export type ServerFlavor = 'minio' | 'other';

/** Options for detectServerFlavor. */
export interface DetectOptions {
  /** Gives up (and answers 'other') after this long. Default 3000. */
  timeoutMs?: number;
  /** Cancels the probe. */
  signal?: AbortSignal;
}

/**
 * Asks the MinIO-only liveness endpoint. MinIO answers it with 200 and `Server: MinIO`; anything else (s3rver, AWS, a
 * proxy that hides the header, no answer) is 'other', which means polling: calling the notification API of a server
 * that is not MinIO makes the minio client throw an uncaught JSON parse error, so doubt must fall on this side.
 */
export async function detectServerFlavor(baseUrl: string, options: DetectOptions = {}): Promise<ServerFlavor> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 3_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(new URL('/minio/health/live', baseUrl), { signal, redirect: 'manual' });
    await response.arrayBuffer().catch(() => undefined);
    const server = response.headers.get('server') ?? '';
    return response.status === 200 && /^minio\b/i.test(server.trim()) ? 'minio' : 'other';
  } catch {
    return 'other';
  }
}
