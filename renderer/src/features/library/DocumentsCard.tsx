import type { RefObject } from 'react';
import { useMemo } from 'react';
import type { LibraryDocument } from '@shared/librarySchemas';
import { Card } from '@/ui/Card';
import { filterDocuments, hasFilters } from './filterDocuments';
import { useLivingLibraryStore } from './useLivingLibraryStore';
import { DocumentFilters } from './DocumentFilters';
import { DocumentTable } from './DocumentTable';
import { EmptyLibrary } from './EmptyLibrary';
import { useIngestStore, useLibraryStore } from './libraryStores';

function summaryText(shown: number, total: number, indexed: number, filtered: boolean): string {
  const docs = (n: number) => `${String(n)} ${n === 1 ? 'document' : 'documents'}`;
  if (filtered) return `Showing ${String(shown)} of ${docs(total)}.`;
  return `${docs(total)}, ${String(indexed)} indexed.`;
}

interface DocumentsCardProps {
  summaryRef: RefObject<HTMLParagraphElement | null>;
  onDelete: (document: LibraryDocument) => void;
}

/** Every document in the library, filtered by name, status and collection; choosing one opens its details. */
export function DocumentsCard({ summaryRef, onDelete }: DocumentsCardProps) {
  const list = useLibraryStore((s) => s.list);
  const filters = useLibraryStore((s) => s.filters);
  const deleting = useLibraryStore((s) => s.deleting);
  const selectedId = useLibraryStore((s) => s.detail?.id ?? null);
  const openDetail = useLibraryStore((s) => s.openDetail);
  const adding = useIngestStore((s) => s.uploads.length > 0 || Object.keys(s.rows).length > 0);
  const documents = useMemo(() => list?.documents ?? [], [list]);
  const shown = useMemo(() => filterDocuments(documents, filters), [documents, filters]);
  const indexed = documents.filter((d) => d.status === 'indexed').length;
  const kept = useLivingLibraryStore((s) => s.collections);
  // The collections list (empty ones too), with any name a document carries that it does not know yet.
  const collections = useMemo(() => {
    const names = new Set([...(kept ?? []).map((c) => c.name), ...(list?.collections ?? [])]);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [kept, list]);

  if (list === null) {
    return (
      <Card title="Documents" testId="library-documents">
        <p className="muted">Loading…</p>
      </Card>
    );
  }
  if (documents.length === 0 && !adding) {
    return (
      <Card title="Documents" testId="library-documents">
        <EmptyLibrary blocked={list.blocker !== null} />
      </Card>
    );
  }
  return (
    <Card title="Documents" testId="library-documents">
      <DocumentFilters collections={collections} />
      <p className="card__note library-summary" tabIndex={-1} ref={summaryRef} data-testid="library-summary">
        {summaryText(shown.length, documents.length, indexed, hasFilters(filters))}
      </p>
      {shown.length > 0 ? (
        <DocumentTable
          documents={shown}
          selectedId={selectedId}
          deleting={deleting}
          onOpen={(d) => void openDetail(d.id)}
          onDelete={onDelete}
        />
      ) : (
        <p className="empty">
          {documents.length === 0 ? 'The files being added appear here once they are read.' : 'No document matches.'}
        </p>
      )}
    </Card>
  );
}
