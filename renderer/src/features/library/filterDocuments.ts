import type { DOCUMENT_STATUSES, LibraryDocument } from '@shared/librarySchemas';

export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export interface DocumentFilters {
  /** Part of the name, any case; blank shows all. */
  search: string;
  /** '' for every status. */
  status: DocumentStatus | '';
  /** '' for every collection. */
  collection: string;
}

export const NO_FILTERS: DocumentFilters = { search: '', status: '', collection: '' };

export function hasFilters(filters: DocumentFilters): boolean {
  return filters.search.trim() !== '' || filters.status !== '' || filters.collection !== '';
}

/** The documents the filters let through, in the order given. */
export function filterDocuments(documents: readonly LibraryDocument[], filters: DocumentFilters): LibraryDocument[] {
  const search = filters.search.trim().toLocaleLowerCase();
  return documents.filter(
    (d) =>
      (!search || d.name.toLocaleLowerCase().includes(search)) &&
      (!filters.status || d.status === filters.status) &&
      (!filters.collection || d.collection === filters.collection),
  );
}

const STATUS_LABELS: Record<DocumentStatus, string> = {
  pending: 'Waiting',
  indexing: 'Indexing',
  indexed: 'Indexed',
  failed: 'Failed',
};

const STATUS_TONES: Record<DocumentStatus, 'ok' | 'busy' | 'bad' | 'idle'> = {
  pending: 'idle',
  indexing: 'busy',
  indexed: 'ok',
  failed: 'bad',
};

export function documentStatusLabel(status: DocumentStatus): string {
  return STATUS_LABELS[status];
}

export function documentStatusTone(status: DocumentStatus): 'ok' | 'busy' | 'bad' | 'idle' {
  return STATUS_TONES[status];
}
