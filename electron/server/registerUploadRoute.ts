import type { FastifyInstance } from 'fastify';
import type { Core } from '../core/createCore';
import { HearthError } from '../shared/errors';
import { MEGABYTE } from '../shared/formatBytes';
import { isLocalRequest } from './isLoopbackAddress';
import { isAllowedOrigin } from './originCheck';
import type { SessionAuth } from './SessionAuth';
import { SESSION_COOKIE } from './SessionAuth';

const GiB = 1024 ** 3;

/** How much one browser may upload; defaults in brackets. */
export interface UploadLimits {
  /** Largest model one upload may carry [64 GiB]. */
  modelMaxBytes?: number;
  /** Bytes one session of a browser on this computer may hold in staging at once [64 GiB]. */
  localSessionQuotaBytes?: number;
  /** Bytes one session of a browser on another computer may hold in staging at once [16 GiB]. */
  remoteSessionQuotaBytes?: number;
}

const STATUS: Partial<Record<string, number>> = { FILE_TOO_LARGE: 413, RATE_LIMITED: 429 };

/**
 * Bytes in (ARCHITECTURE.md): a browser has files, not paths. `PUT /api/uploads?name=…&purpose=document|model`
 * streams the body into staging and answers with a handle that contract calls accept. Each session holds at most its
 * quota in staging (smaller for a browser elsewhere), so one client cannot fill the disk of Hearth's computer.
 */
export function registerUploadRoute(
  app: FastifyInstance,
  deps: {
    core: Core;
    auth: SessionAuth;
    /** Whether browsers on this computer count as local (as for the WebSocket route). */
    localPaths: boolean;
    limits?: UploadLimits;
  },
): void {
  const limits = deps.limits ?? {};
  // Keep the body as a stream; StagingArea enforces the size limit while writing.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.put<{ Querystring: { name?: string; purpose?: string } }>(
    '/api/uploads',
    {
      bodyLimit: Number.MAX_SAFE_INTEGER,
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (
        !(await deps.auth.isValidSession(session)) ||
        !isAllowedOrigin(request.headers.origin, request.headers.host)
      ) {
        return reply.code(401).send({ code: 'UNAUTHORIZED', message: 'Sign in with the link Hearth printed.' });
      }
      const name = request.query.name;
      if (typeof name !== 'string' || name.length === 0 || name.length > 1024) {
        return reply.code(400).send({ code: 'INVALID_INPUT', message: 'Give the file name as ?name=.' });
      }
      if (request.headers['content-type'] !== 'application/octet-stream') {
        return reply
          .code(415)
          .send({ code: 'UNSUPPORTED_FILE', message: 'Send the bytes as application/octet-stream.' });
      }
      const local =
        deps.localPaths && isLocalRequest({ remoteAddress: request.socket.remoteAddress, headers: request.headers });
      const maxBytes =
        request.query.purpose === 'model'
          ? (limits.modelMaxBytes ?? 64 * GiB)
          : deps.core.settings.get().library.maxFileSizeMB * MEGABYTE;
      const quota = local ? (limits.localSessionQuotaBytes ?? 64 * GiB) : (limits.remoteSessionQuotaBytes ?? 16 * GiB);
      try {
        const staged = await deps.core.staging.receive(name, request.body as NodeJS.ReadableStream as never, maxBytes, {
          owner: session!,
          maxBytes: quota,
        });
        return reply.code(201).send(staged);
      } catch (error) {
        if (error instanceof HearthError) {
          // Refused before the whole body arrived: close the connection rather than read the rest.
          if (error.code in STATUS) reply.header('connection', 'close');
          return reply.code(STATUS[error.code] ?? 400).send(error.toData());
        }
        deps.core.logger.error({ err: error }, 'upload failed');
        return reply.code(500).send({ code: 'INTERNAL', message: 'The upload failed. Details are in the log.' });
      }
    },
  );
}
