import type { FastifyInstance } from 'fastify';
import type { Core } from '../core/createCore';
import { originalContentType } from '../core/library/originalContentType';
import { HearthError } from '../shared/errors';
import { ORIGINALS_ROUTE } from '../shared/originalUrl';
import { provesSameOrigin } from './requestGuard';
import type { SessionAuth } from './SessionAuth';
import { SESSION_COOKIE } from './SessionAuth';

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → an inclusive range within `size`; null when absent; 'invalid' otherwise. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '') || size === 0) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : 'invalid';
}

/**
 * Bytes out (ARCHITECTURE.md): `GET /api/originals/<documentId>` serves an original of the library to a signed-in
 * browser, with Range support (pdf.js reads large PDFs in pieces). Documents are addressed by catalogue id only.
 */
export function registerOriginalsRoute(app: FastifyInstance, deps: { core: Core; auth: SessionAuth }): void {
  app.get<{ Params: { id: string } }>(
    ORIGINALS_ROUTE,
    { config: { rateLimit: { max: 1200, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (!(await deps.auth.isValidSession(session))) {
        return reply.code(401).send({ code: 'UNAUTHORIZED', message: 'Sign in with the link Hearth printed.' });
      }
      // A GET from Hearth's page carries no Origin, so it must show Sec-Fetch-Site instead; a bare request gets nothing.
      if (!provesSameOrigin(request.headers)) {
        return reply
          .code(403)
          .send({ code: 'PERMISSION_DENIED', message: 'Originals open only from Hearth’s own page.' });
      }
      try {
        const doc = deps.core.library.getDocument(request.params.id);
        if (!doc?.objectKey) throw new HearthError('NOT_FOUND', 'That document is not in the library.');
        const range = parseRange(request.headers.range, doc.size);
        if (range === 'invalid') {
          return reply.code(416).header('content-range', `bytes */${doc.size}`).send();
        }
        const original = await deps.core.library.openOriginal(doc.id, range ?? undefined);
        const { contentType, inline } = originalContentType(original.type);
        const fileName = encodeURIComponent(original.name);
        reply
          .header('content-type', contentType)
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${fileName}`);
        if (range) {
          reply
            .code(206)
            .header('content-range', `bytes ${range.start}-${range.end}/${original.size}`)
            .header('content-length', String(range.end - range.start + 1));
        } else reply.header('content-length', String(original.size));
        return reply.send(original.stream);
      } catch (error) {
        if (error instanceof HearthError) {
          const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'SIDECAR_DOWN' ? 503 : 400;
          return reply.code(status).send(error.toData());
        }
        deps.core.logger.error({ err: error }, 'serving an original failed');
        return reply.code(500).send({ code: 'INTERNAL', message: 'The original could not be read.' });
      }
    },
  );
}
