export type {
  IndexKey,
  MetadataValue,
  QueryOptions,
  VectorChunk,
  VectorFilter,
  VectorMatch,
  VectorStore,
} from './VectorStore';
export { indexName, validateIndexKey, INDEX_NAME_PATTERN, MAX_DIMENSIONS, MAX_VERSION } from './indexName';
export { ChromaServer, type ChromaServerOptions } from './ChromaServer';
export { ChromaVectorStore, type ChromaVectorStoreOptions } from './ChromaVectorStore';
export { createPgPool, type PgPoolOptions } from './createPgPool';
export { PgVectorStore, type PgVectorStoreOptions } from './PgVectorStore';
export { MAX_TOP_K } from './prepareQuery';
