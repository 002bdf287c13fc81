import { describe, expect, it } from 'vitest';
import type { LibraryDocument } from '@shared/librarySchemas';
import { filterDocuments, hasFilters, NO_FILTERS } from '@/features/library/filterDocuments';
import { documentTypeLabel, formatProvenance } from '@/features/library/formatProvenance';
import { routeFromHash, NAV_ROUTES } from '@/routing/routes';

describe('formatProvenance', () => {
  it('gives a PDF page', () => {
    expect(formatProvenance({ page: 3 })).toBe('p. 3');
  });

  it('gives a line range, or one line', () => {
    expect(formatProvenance({ lineStart: 10, lineEnd: 24 })).toBe('lines 10–24');
    expect(formatProvenance({ lineStart: 7, lineEnd: 7 })).toBe('line 7');
    expect(formatProvenance({ lineStart: 7 })).toBe('line 7');
  });

  it('puts the heading path before the lines', () => {
    expect(formatProvenance({ headingPath: ['Hearth Guide', 'Install'], lineStart: 5, lineEnd: 13 })).toBe(
      'Hearth Guide › Install · lines 5–13',
    );
    expect(formatProvenance({ headingPath: ['Intro'] })).toBe('Intro');
  });

  it('shows a dash when nothing is known', () => {
    expect(formatProvenance({})).toBe('—');
    expect(formatProvenance({ headingPath: [] })).toBe('—');
  });
});

describe('documentTypeLabel', () => {
  it('names the sniffed types as people do', () => {
    expect(documentTypeLabel('pdf')).toBe('PDF');
    expect(documentTypeLabel('docx')).toBe('Word');
    expect(documentTypeLabel('markdown')).toBe('Markdown');
    expect(documentTypeLabel('')).toBe('—');
    expect(documentTypeLabel('xml')).toBe('XML');
  });
});

function doc(name: string, patch: Partial<LibraryDocument> = {}): LibraryDocument {
  return {
    id: name.replace(/\W/g, '-'),
    name,
    sourcePath: null,
    sha256: null,
    size: 100,
    type: 'text',
    collection: null,
    status: 'indexed',
    error: null,
    version: 1,
    embeddingVersion: 1,
    chunks: 1,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

describe('filterDocuments', () => {
  const docs = [
    doc('Report 2024.pdf', { collection: 'work' }),
    doc('notes.md', { status: 'failed' }),
    doc('REPORT-draft.docx', { status: 'indexing', collection: 'work' }),
  ];

  it('lets everything through without filters', () => {
    expect(filterDocuments(docs, NO_FILTERS)).toHaveLength(3);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, search: '  ' })).toBe(false);
  });

  it('matches part of the name in any case, trimmed', () => {
    const filters = { ...NO_FILTERS, search: ' report ' };
    expect(filterDocuments(docs, filters).map((d) => d.name)).toEqual(['Report 2024.pdf', 'REPORT-draft.docx']);
    expect(hasFilters(filters)).toBe(true);
  });

  it('combines status and collection', () => {
    expect(filterDocuments(docs, { ...NO_FILTERS, status: 'failed' }).map((d) => d.name)).toEqual(['notes.md']);
    expect(filterDocuments(docs, { ...NO_FILTERS, collection: 'work', status: 'indexed' })).toHaveLength(1);
    expect(filterDocuments(docs, { search: 'zzz', status: '', collection: '' })).toEqual([]);
  });
});

describe('the library route', () => {
  it('is reachable and sits between Chat and Models', () => {
    expect(routeFromHash('#/library')).toBe('library');
    expect(routeFromHash('#/library/')).toBe('library');
    const ids = NAV_ROUTES.map((r) => r.id);
    expect(ids.indexOf('library')).toBe(ids.indexOf('chat') + 1);
    expect(ids.indexOf('models')).toBe(ids.indexOf('library') + 1);
  });
});
