import type { Conversation, Message } from '@shared/answerSchemas';
import type { LibraryDocument, LibraryJob, LibraryList } from '@shared/librarySchemas';
import type { ModelInfo } from '@shared/runtimeSchemas';

/** Small, valid records for the store tests; each takes the fields a test cares about. */
export function doc(id: string, patch: Partial<LibraryDocument> = {}): LibraryDocument {
  return {
    id,
    name: `${id}.md`,
    sourcePath: null,
    sha256: null,
    size: 100,
    type: 'markdown',
    collection: null,
    status: 'indexed',
    error: null,
    version: 1,
    embeddingVersion: 1,
    parentId: null,
    attachedTo: null,
    chunks: 3,
    createdAt: 1,
    updatedAt: 1,
    ...patch,
  };
}

export function job(id: string, patch: Partial<LibraryJob> = {}): LibraryJob {
  return {
    id,
    batchId: 'b1',
    documentId: id,
    name: `${id}.md`,
    stage: 'parsed',
    error: null,
    attempts: 1,
    updatedAt: 1,
    ...patch,
  };
}

export function list(patch: Partial<LibraryList> = {}): LibraryList {
  const items = patch.items ?? [];
  const counts = { pending: 0, indexing: 0, indexed: 0, failed: 0 };
  for (const d of items) counts[d.status] += 1;
  return {
    items,
    nextCursor: null,
    total: items.length,
    counts,
    library: { documents: items.length, indexed: counts.indexed },
    jobs: [],
    collections: [],
    blocker: null,
    ...patch,
  };
}

export function model(id: string, patch: Partial<ModelInfo> = {}): ModelInfo {
  return {
    id,
    displayName: `Model ${id}`,
    fileName: `${id}.gguf`,
    source: 'import',
    sizeBytes: 1000,
    sha256: null,
    architecture: 'llama',
    parameters: null,
    quantisation: null,
    contextLength: null,
    embeddingLength: null,
    isEmbeddingModel: false,
    addedAt: 1,
    ...patch,
  };
}

export function conversation(id: string, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    title: `Conversation ${id}`,
    collection: null,
    model: null,
    messageCount: 0,
    preview: '',
    createdAt: 1,
    updatedAt: 1,
    ...patch,
  };
}

export function message(id: string, role: Message['role'], content: string): Message {
  return {
    id,
    role,
    content,
    citations: [],
    status: 'complete',
    error: null,
    model: null,
    grounded: true,
    createdAt: 1,
  };
}
