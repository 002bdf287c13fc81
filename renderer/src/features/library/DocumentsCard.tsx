import type { RefObject } from 'react';
import { useCallback, useMemo } from 'react';
import type { LibraryDocument } from '@shared/librarySchemas';
import { Card } from '@/ui/Card';
import { hasFilters } from './filterDocuments';
import { useLivingLibraryStore } from './useLivingLibraryStore';
import { DocumentFilters } from './DocumentFilters';
import { DocumentTable } from './DocumentTable';
import { EmptyLibrary } from './EmptyLibrary';
import { useIngestStore, useLibraryStore } from './libraryStores';
import { formatInteger } from '@/lib/formatNumber';

function summaryText(shown: number, total: number, indexed: number, filtered: boolean): string {
  const docs = (n: number) => `${formatInteger(n)} ${n === 1 ? 'document' : 'documents'}`;
  if (filtered) return `Showing ${formatInteger(shown)} of ${docs(total)}.`;
  return `${docs(total)}, ${formatInteger(indexed)} indexed.`;
}

interface DocumentsCardProps {
  summaryRef: RefObject<HTMLParagraphElement | null>;
  onDelete: (document: LibraryDocument) => void;
}

/**
 * The library's documents a page at a time (filtered, sorted and counted in the core), drawn as a windowed table
 * that loads the next page as it scrolls; choosing one opens its details.
 */
export function DocumentsCard({ summaryRef, onDelete }: DocumentsCardProps) {
  const list = useLibraryStore((s) => s.list);
  const filters = useLibraryStore((s) => s.filters);
  const deleting = useLibraryStore((s) => s.deleting);
  const selectedId = useLibraryStore((s) => s.detail?.id ?? null);
  const openDetail = useLibraryStore((s) => s.openDetail);
  const adding = useIngestStore((s) => s.uploads.length > 0 || Object.keys(s.rows).length > 0);
  const loadMore = useLibraryStore((s) => s.loadMore);
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);
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
  if (list.library.documents === 0 && !adding) {
    return (
      <Card title="Documents" testId="library-documents">
        <EmptyLibrary blocked={list.blocker !== null} />
      </Card>
    );
  }
  return (
    <Card title="Documents" testId="library-documents">
      <DocumentFilters collections={collections} counts={list.counts} />
      <p className="card__note library-summary" tabIndex={-1} ref={summaryRef} data-testid="library-summary">
        {summaryText(list.total, list.library.documents, list.library.indexed, hasFilters(filters))}
      </p>
      {list.items.length > 0 ? (
        <DocumentTable
          documents={list.items}
          total={list.total}
          onNearEnd={onNearEnd}
          selectedId={selectedId}
          deleting={deleting}
          onOpen={(d) => void openDetail(d.id)}
          onDelete={onDelete}
        />
      ) : (
        <p className="empty">
          {list.library.documents === 0
            ? 'The files being added appear here once they are read.'
            : 'No document matches.'}
        </p>
      )}
    </Card>
  );
}
