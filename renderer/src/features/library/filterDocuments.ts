import type { DOCUMENT_STATUSES, LIBRARY_SORTS, LibraryFilters } from '@shared/librarySchemas';

export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface DocumentFilters {
  /** Part of the name, any case; blank shows all. */
  search: string;
  /** '' for every status. */
  status: DocumentStatus | '';
  /** '' for every type (pdf, markdown, …). */
  type: string;
  /** '' for every collection. */
  collection: string;
}

export const NO_FILTERS: DocumentFilters = { search: '', status: '', type: '', collection: '' };

/** How the list is ordered; the core sorts, the store keeps patched pages in the same order. */
export interface DocumentOrder {
  sort: (typeof LIBRARY_SORTS)[number];
  direction: 'asc' | 'desc';
}

/** Newest first, as the library has always listed. */
export const DEFAULT_ORDER: DocumentOrder = { sort: 'added', direction: 'desc' };

export function hasFilters(filters: DocumentFilters): boolean {
  return filters.search.trim() !== '' || filters.status !== '' || filters.type !== '' || filters.collection !== '';
}

/** The filters as the core takes them (blank fields left out). */
export function coreFilters(filters: DocumentFilters): LibraryFilters {
  const text = filters.search.trim();
  return {
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.type ? { type: [filters.type] } : {}),
    ...(filters.collection ? { collection: filters.collection } : {}),
    ...(text ? { text } : {}),
  };
}

const STATUS_LABELS: Record<DocumentStatus, string> = {
  pending: 'Waiting',
  indexing: 'Indexing',
  indexed: 'Indexed',
  failed: 'Failed',
};

export function documentStatusLabel(status: DocumentStatus): string {
  return STATUS_LABELS[status];
}
