import type { IncomingHttpHeaders } from 'node:http';

/** The `Server` header of every answer, so nothing mistakes the dev server for MinIO. */
export declare const SERVER_HEADER: string;

/** Null when `request` carries a valid AWS Signature V4 for these credentials, else why not. */
export declare function verifySignatureV4(
  request: { method?: string; url?: string; headers: IncomingHttpHeaders },
  accessKey: string,
  secretKey: string,
  now?: number,
): string | null;
