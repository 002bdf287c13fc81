import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { SecretsService } from '../secrets/SecretsService';
import type { ObjectOrigin } from './objectErrors';

/** Where the bucket lives and how to sign in: made by ObjectServer (the sidecar) or externalConnection. Core-only. */
export interface ObjectConnection {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  region: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** Path-style requests (`/bucket/key`), as MinIO and most self-hosted servers expect. */
  pathStyle: boolean;
  /** Decides the error code when the server cannot be reached: SIDECAR_DOWN or REMOTE_UNAVAILABLE. */
  origin: ObjectOrigin;
  /**
   * Sidecars only: resolves true once the server answers again (after the supervisor restarted it), false when it
   * will not within `timeoutMs` or has been given up on.
   */
  waitUntilReady?: (timeoutMs: number, signal?: AbortSignal) => Promise<boolean>;
}

/** A team's S3 or MinIO endpoint in place of the sidecar. */
export interface ExternalEndpointOptions {
  /** Base URL, e.g. `https://s3.eu-central-1.amazonaws.com` or `http://nas.local:9000`. */
  endpoint: string;
  /** Default `us-east-1`. */
  region?: string;
  bucket: string;
  accessKeyId: string;
  /** Default true; AWS's virtual-host style when false. */
  pathStyle?: boolean;
}

/** Keychain entry holding the external endpoint's secret access key, bound to the endpoint's origin (secretBindings). */
export const REMOTE_SECRET_DEFAULT = 's3-secret-key';

/**
 * Builds the connection for an external endpoint, reading its secret key from the keychain. The key is revealed only
 * for the origin it was saved for, so re-pointing `storage.s3Endpoint` never signs requests to the new host with it.
 */
export async function externalConnection(
  options: ExternalEndpointOptions,
  secrets: SecretsService,
  logger: Logger,
): Promise<ObjectConnection> {
  let url: URL;
  try {
    url = new URL(options.endpoint);
  } catch {
    throw new HearthError('INVALID_INPUT', `"${options.endpoint}" is not a valid object store address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HearthError('INVALID_INPUT', 'The object store address must start with http:// or https://.');
  }
  if (url.pathname !== '/' || url.search || url.username) {
    throw new HearthError('INVALID_INPUT', 'Give the object store address without a path, query or user name.');
  }
  if (!options.accessKeyId.trim()) throw new HearthError('INVALID_INPUT', 'The access key id is empty.');
  const secretKey = await secrets.revealFor(REMOTE_SECRET_DEFAULT, url.origin);
  if (!secretKey) {
    throw new HearthError(
      'INVALID_INPUT',
      `No secret key is stored for the object store at ${url.origin} (a key saved for another address is not used). ` +
        'Enter it in Settings → Storage.',
    );
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    logger.warn(
      { endpoint: url.origin },
      'the remote object store is reached over plain HTTP: documents travel unencrypted on the network',
    );
  }
  return {
    url: url.origin,
    region: options.region ?? 'us-east-1',
    bucket: options.bucket,
    accessKey: options.accessKeyId.trim(),
    secretKey,
    pathStyle: options.pathStyle ?? true,
    origin: 'external',
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}
