import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import type { Catalog } from '../library/catalog/Catalog';
import type { DocumentRecord } from '../library/catalog/catalogTypes';
import type { LspSend } from './LspClient';
import { INDEX_FILES, REMOVE_FILES, type IndexFilesResult, type WorkspaceFile } from './lspProtocol';

/** Files per `hearth/indexFiles` request: large enough to keep round trips few, small enough to keep messages small. */
const BATCH_FILES = 100;
const ACTOR = 'core';

/** Options for the code workspace. */
export interface CodeWorkspaceOptions {
  catalog: Pick<Catalog, 'listDocuments' | 'getDocument'>;
  /** A document's text, read from its original the way the rest of the core reads it; null when it cannot be. */
  readText: (documentId: string) => Promise<string | null>;
  logger: Logger;
}

/** What the workspace needs of the client: sending, and whether a server runs at all yet. */
export interface WorkspaceClient {
  readonly started: boolean;
  request<R>(method: string, params: object, actor: string): Promise<R>;
  notify(method: string, params: object): Promise<void>;
}

/**
 * The code documents of the library (watched folders' files included: they are library documents) as the language
 * server's workspace. Every (re)start sends all of them; library changes after that send the changed ones. It only
 * reads the catalogue and the originals: the library stays the one writer.
 */
export class CodeWorkspace {
  readonly #o: CodeWorkspaceOptions;
  readonly #uriOf = new Map<string, string>();
  readonly #documentOf = new Map<string, string>();
  #extensions: ReadonlySet<string> = new Set();
  #queue: Promise<void> = Promise.resolve();

  constructor(options: CodeWorkspaceOptions) {
    this.#o = options;
  }

  /** The URI the server knows a document by; undefined for a document outside the workspace. */
  uriOf(documentId: string): string | undefined {
    return this.#uriOf.get(documentId);
  }

  /** The document a URI the server answered with stands for. */
  documentOf(uri: string): DocumentRecord | undefined {
    const id = this.#documentOf.get(uri);
    return id === undefined ? undefined : this.#o.catalog.getDocument(id);
  }

  /** Sends every indexed code document (after a start or a restart of the server). */
  syncAll(send: LspSend, extensions: ReadonlySet<string>): Promise<void> {
    this.#extensions = extensions;
    return this.#enqueue(async () => {
      this.#uriOf.clear();
      this.#documentOf.clear();
      const docs = this.#o.catalog.listDocuments({ status: 'indexed' }).filter((d) => this.#isCode(d));
      const started = Date.now();
      let indexed = 0;
      for (let i = 0; i < docs.length; i += BATCH_FILES) {
        const files = await this.#read(docs.slice(i, i + BATCH_FILES));
        if (files.length === 0) continue;
        indexed += (await send<IndexFilesResult>(INDEX_FILES, { files }, ACTOR)).indexed;
      }
      this.#o.logger.info({ documents: docs.length, indexed, ms: Date.now() - started }, 'code workspace sent');
    });
  }

  /** Follows a library change; before the server's first start there is nothing to follow (the start sends all). */
  onLibraryChanged(change: { documentIds: string[]; reason: string }, client: WorkspaceClient): Promise<void> {
    if (!client.started || change.documentIds.length === 0 || change.reason === 'jobs') return Promise.resolve();
    return this.#enqueue(async () => {
      const gone: string[] = [];
      const changed: DocumentRecord[] = [];
      for (const id of change.documentIds) {
        const doc = this.#o.catalog.getDocument(id);
        const old = this.#uriOf.get(id);
        const keep = doc && doc.status === 'indexed' && this.#isCode(doc);
        // A rename or move gives a new URI: the old one leaves.
        if (old && (!keep || old !== uriFor(doc))) {
          gone.push(old);
          this.#forget(id);
        }
        if (keep) changed.push(doc);
      }
      if (gone.length > 0) await client.notify(REMOVE_FILES, { uris: gone });
      const files = await this.#read(changed);
      if (files.length > 0) await client.request<IndexFilesResult>(INDEX_FILES, { files }, ACTOR);
    });
  }

  #isCode(doc: DocumentRecord): boolean {
    return doc.type === 'code' && this.#extensions.has(extname(doc.sourcePath ?? doc.name).toLowerCase());
  }

  async #read(docs: DocumentRecord[]): Promise<WorkspaceFile[]> {
    const files: WorkspaceFile[] = [];
    for (const doc of docs) {
      const text = await this.#o.readText(doc.id).catch((error: unknown) => {
        this.#o.logger.warn({ err: error, documentId: doc.id }, 'a code document could not be read for the code index');
        return null;
      });
      if (text === null) continue;
      const uri = uriFor(doc);
      this.#uriOf.set(doc.id, uri);
      this.#documentOf.set(uri, doc.id);
      files.push({ uri, text });
    }
    return files;
  }

  #forget(documentId: string): void {
    const uri = this.#uriOf.get(documentId);
    this.#uriOf.delete(documentId);
    if (uri) this.#documentOf.delete(uri);
  }

  /** Changes apply in order, each after the previous one (a sync never interleaves with a change). */
  #enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch((error: unknown) => this.#o.logger.error({ err: error }, 'code workspace update failed'));
    return next;
  }
}

/** `file://` for documents ingested from a path (editors open those), `hearth:/documents/<id>/<name>` otherwise. */
function uriFor(doc: DocumentRecord): string {
  return doc.sourcePath
    ? pathToFileURL(doc.sourcePath).href
    : `hearth:/documents/${encodeURIComponent(doc.id)}/${encodeURIComponent(doc.name)}`;
}
