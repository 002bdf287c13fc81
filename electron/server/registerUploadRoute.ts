import type { FastifyInstance } from 'fastify';
import type { Core } from '../core/createCore';
import { HearthError } from '../shared/errors';
import { MEGABYTE } from '../shared/formatBytes';
import { isAllowedOrigin } from './originCheck';
import type { SessionAuth } from './SessionAuth';
import { SESSION_COOKIE } from './SessionAuth';

/** Models are far larger than documents; they get their own ceiling. */
const MODEL_MAX_BYTES = 256 * 1024 ** 3;

/**
 * Bytes in (ARCHITECTURE.md): a browser has files, not paths. `PUT /api/uploads?name=…&purpose=document|model`
 * streams the body into staging and answers with a handle that contract calls accept.
 */
export function registerUploadRoute(app: FastifyInstance, deps: { core: Core; auth: SessionAuth }): void {
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
      if (!deps.auth.isValidSession(session) || !isAllowedOrigin(request.headers.origin, request.headers.host)) {
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
      const maxBytes =
        request.query.purpose === 'model'
          ? MODEL_MAX_BYTES
          : deps.core.settings.get().library.maxFileSizeMB * MEGABYTE;
      try {
        const staged = await deps.core.staging.receive(name, request.body as NodeJS.ReadableStream as never, maxBytes);
        return reply.code(201).send(staged);
      } catch (error) {
        if (error instanceof HearthError) {
          const status = error.code === 'FILE_TOO_LARGE' ? 413 : 400;
          return reply.code(status).send(error.toData());
        }
        deps.core.logger.error({ err: error }, 'upload failed');
        return reply.code(500).send({ code: 'INTERNAL', message: 'The upload failed. Details are in the log.' });
      }
    },
  );
}
