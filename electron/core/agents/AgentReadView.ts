import type { Catalog } from '../library/catalog/Catalog';
import type { VectorIndexes } from '../library/catalog/VectorIndexes';

/**
 * What the agents' tools read of the library catalogue: indexed documents and their passages, nothing else. The
 * agents are typed against these narrow views rather than the whole `Catalog` (seven tables), so what an agent can
 * reach is visible at a glance; the full catalogue satisfies each of them.
 */
export type AgentReadView = Pick<Catalog, 'getDocument' | 'listChunks' | 'listDocuments'>;

/** What hybrid retrieval reads: the keyword index, passages and their documents, and which vector indexes exist. */
export type RetrievalCatalog = Pick<Catalog, 'keywordSearch' | 'chunkCount' | 'getChunks' | 'getDocument'> & {
  indexes: Pick<VectorIndexes, 'list'>;
};

/** What the answer service keeps: conversations and their messages (it writes these, and reads nothing else). */
export type ConversationCatalog = Pick<Catalog, 'conversations'>;
