import { HearthError } from '../../shared/errors';
import { checkMetadataKey, isMetadataValue, toVector } from './prepareChunks';
import type { IndexKey, MetadataValue, QueryOptions } from './VectorStore';

const MAX_TOP_K = 1_000;

/** One "field is any of values" condition; the filter is the AND of its clauses. */
export type FilterClause =
  | { field: 'documentId'; values: string[] }
  | { field: 'collection'; values: string[] }
  | { field: 'metadata'; key: string; values: MetadataValue[] };

export interface PreparedQuery {
  vector: number[];
  topK: number;
  clauses: FilterClause[];
  /** A clause with no values can match nothing, so the backend need not be asked. */
  matchesNothing: boolean;
}

/** Validates a query for an index; throws INVALID_INPUT naming the problem. */
export function prepareQuery(key: IndexKey, vector: unknown, options: QueryOptions): PreparedQuery {
  const prepared = toVector(key, vector, 'Query');
  const topK = options?.topK;
  if (!Number.isSafeInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    throw new HearthError('INVALID_INPUT', `topK must be an integer from 1 to ${MAX_TOP_K}.`);
  }
  const clauses: FilterClause[] = [];
  const filter: unknown = options.filter ?? {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new HearthError('INVALID_INPUT', 'The query filter must be an object.');
  }
  for (const [name, raw] of Object.entries(filter)) {
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? (raw as unknown[]) : [raw];
    if (name === 'documentId' || name === 'collection') {
      if (!values.every((v) => typeof v === 'string' && isMetadataValue(v))) {
        throw new HearthError('INVALID_INPUT', `Filter "${name}" must be a string or an array of strings.`);
      }
      clauses.push({ field: name, values: [...new Set(values as string[])] });
      continue;
    }
    checkMetadataKey(name, 'Filter');
    if (!values.every(isMetadataValue)) {
      throw new HearthError(
        'INVALID_INPUT',
        `Filter "${name}" must be a string, number or boolean, or an array of them.`,
      );
    }
    // Chroma rejects an $in list of mixed types, and a mixed list is almost certainly a caller's mistake.
    if (new Set(values.map((v) => typeof v)).size > 1) {
      throw new HearthError('INVALID_INPUT', `Filter "${name}" mixes value types.`);
    }
    clauses.push({ field: 'metadata', key: name, values: [...new Set(values as MetadataValue[])] });
  }
  return { vector: prepared, topK, clauses, matchesNothing: clauses.some((c) => c.values.length === 0) };
}
