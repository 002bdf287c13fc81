import { HearthError } from '../../shared/errors';
import type { AuditLog } from '../audit/AuditLog';
import type { LibraryServices } from '../library/createLibraryPart';
import type { Part, PartContext } from '../lifecycle/PartContext';
import type { CallContext } from '../rpc/Dispatcher';
import type { Supervisor } from '../supervisor';
import { CodeService } from './CodeService';
import { CodeWorkspace } from './CodeWorkspace';
import { LspClient } from './LspClient';

/** Code documents above this size are left out of the code index (generated or minified code). */
const MAX_CODE_BYTES = 2 * 1024 * 1024;

/** The services of the lsp part. */
export interface LspServices {
  /** Code intelligence in the library's terms, for the agent's tools and the code viewer. */
  code: CodeService;
  /** The language server child's client (tests and the bench reach the server through it). */
  lspClient: LspClient;
}

const actorOf = (ctx: CallContext): string => `user:${ctx.caller ?? ctx.origin}`;

/**
 * Code intelligence: the language server child (started under the supervisor on first use, restarted by it after a
 * crash), the library's code documents as its workspace, kept in step with `library.changed`.
 */
export function createLspPart(
  ctx: PartContext,
  deps: { supervisor: Supervisor; audit: AuditLog; library: LibraryServices },
): Part<LspServices, 'code.outline' | 'code.definition'> {
  const { library, libraryCatalog } = deps.library;
  const logger = ctx.logger.child({ component: 'lsp' });
  const workspace = new CodeWorkspace({
    catalog: libraryCatalog,
    readText: async (documentId) => {
      const original = await library.openOriginal(documentId);
      if (original.size > MAX_CODE_BYTES) {
        original.stream.resume();
        return null;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of original.stream) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
    logger,
  });
  const lspClient = ctx.disposables.add(
    'language server',
    new LspClient({
      supervisor: deps.supervisor,
      node: ctx.platform.node,
      server: ctx.platform.lspServer,
      audit: deps.audit,
      logger,
      onReady: (send, extensions) => workspace.syncAll(send, extensions),
    }),
  );
  ctx.signals.on('library.changed', (change) => void workspace.onLibraryChanged(change, lspClient));
  const code = new CodeService({ client: lspClient, workspace });
  const requireDocument = (documentId: string): void => {
    if (!libraryCatalog.getDocument(documentId))
      throw new HearthError('NOT_FOUND', 'That document is not in the library.');
  };
  return {
    services: { code, lspClient },
    handlers: {
      'code.outline': async ({ documentId }, call) => {
        requireDocument(documentId);
        return { symbols: await code.listSymbols(documentId, actorOf(call)) };
      },
      'code.definition': async ({ documentId, line, character }, call) => {
        requireDocument(documentId);
        return { locations: await code.definitionAt(documentId, line, character, actorOf(call)) };
      },
    },
  };
}
