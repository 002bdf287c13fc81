import { HearthError } from '../../shared/errors';
import { slideAndSheet } from '../../shared/locationText';
import { originalUrl } from '../../shared/originalUrl';
import type { AnswerService } from './AnswerService';
import type { Catalog } from '../library/catalog/Catalog';
import type { Handlers } from '../rpc/Dispatcher';
import { sourceName } from '../library/catalog/sourceName';

type AnswerChannels =
  | 'chat.ask'
  | 'conversations.list'
  | 'conversations.get'
  | 'conversations.create'
  | 'conversations.update'
  | 'conversations.delete'
  | 'conversations.export'
  | 'library.passage';

/** The Chat screen's channels: grounded answers, conversations, and passages for the citation viewer. */
export function answerHandlers(deps: {
  answers: AnswerService;
  catalog: Catalog;
  onChanged: (change: { id: string; deleted: boolean }) => void;
}): Pick<Handlers, AnswerChannels> {
  const { answers, catalog } = deps;
  const { conversations } = catalog;
  return {
    'chat.ask': (input, ctx) => answers.ask(input, { signal: ctx.signal, emit: (event) => ctx.emit(event) }),
    'conversations.list': ({ search }) => ({ conversations: conversations.list(search) }),
    'conversations.get': ({ id }) => ({
      conversation: conversations.require(id),
      messages: conversations.messages(id),
    }),
    'conversations.create': (input) => {
      const created = conversations.create(input);
      deps.onChanged({ id: created.id, deleted: false });
      return created;
    },
    'conversations.update': ({ id, ...patch }) => {
      const updated = conversations.update(id, patch);
      deps.onChanged({ id, deleted: false });
      return updated;
    },
    'conversations.delete': ({ id }) => {
      if (!conversations.delete(id)) throw new HearthError('NOT_FOUND', 'That conversation does not exist any more.');
      deps.onChanged({ id, deleted: true });
      return { deleted: true as const };
    },
    'conversations.export': ({ id }) => answers.exportMarkdown(id),
    'library.passage': ({ chunkId }, ctx) => {
      const chunk = catalog.getChunks([chunkId])[0];
      const doc = chunk ? catalog.getDocument(chunk.documentId) : undefined;
      if (!chunk || !doc) throw new HearthError('NOT_FOUND', 'That passage is no longer in the library.');
      const prov = chunk.provenance as { page?: number; lineStart?: number; lineEnd?: number; headingPath?: string[] };
      return {
        chunkId: chunk.id,
        documentId: doc.id,
        documentName: sourceName(doc),
        documentType: doc.type,
        text: chunk.text,
        ...(prov.page ? { page: prov.page } : {}),
        ...(prov.lineStart && prov.lineEnd ? { lineStart: prov.lineStart, lineEnd: prov.lineEnd } : {}),
        ...(prov.headingPath ? { headingPath: prov.headingPath } : {}),
        ...slideAndSheet(prov),
        ...(chunk.ocr ? { ocr: chunk.ocr } : {}),
        originalPath: originalUrl(doc.id, ctx.origin === 'ipc' ? 'desktop' : 'headless'),
      };
    },
  };
}
