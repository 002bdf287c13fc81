import type { ModelCatalog } from './models/ModelCatalog';

/** Model ids per use in order of preference. */
export interface PreferredModels {
  chat: string[];
  embedding: string[];
  /** Installed rerankers, oldest first: the first one reranks retrieval. */
  ranking: string[];
}

/** Chat and embedding models in order of preference (the default first, then the others), and the rerankers. */
export function preferredModels(catalog: Pick<ModelCatalog, 'defaults' | 'list'>): PreferredModels {
  const defaults = catalog.defaults();
  const models = catalog.list();
  const ordered = (first: string | null, pool: string[]) => [
    ...(first ? [first] : []),
    ...pool.filter((id) => id !== first),
  ];
  return {
    chat: ordered(
      defaults.chat,
      models.filter((m) => !m.isEmbeddingModel && !m.isReranker).map((m) => m.id),
    ),
    embedding: ordered(
      defaults.embedding,
      models.filter((m) => m.isEmbeddingModel).map((m) => m.id),
    ),
    ranking: models.filter((m) => m.isReranker).map((m) => m.id),
  };
}
