import { describe, expect, it } from 'vitest';
import { coreFilters, hasFilters, NO_FILTERS } from '@/features/library/filterDocuments';
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

describe('coreFilters', () => {
  it('sends nothing without filters', () => {
    expect(coreFilters(NO_FILTERS)).toEqual({});
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, search: '  ' })).toBe(false);
  });

  it('sends the trimmed name part, the status, type and collection chosen', () => {
    const filters = { search: ' report ', status: 'failed', type: 'pdf', collection: 'work' } as const;
    expect(coreFilters(filters)).toEqual({ text: 'report', status: ['failed'], type: ['pdf'], collection: 'work' });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters({ ...NO_FILTERS, type: 'pdf' })).toBe(true);
  });
});

describe('the library route', () => {
  it('is reachable and sits between Models and Chat, in the order a new library is set up', () => {
    expect(routeFromHash('#/library')).toBe('library');
    expect(routeFromHash('#/library/')).toBe('library');
    expect(NAV_ROUTES.map((r) => r.id)).toEqual(['home', 'models', 'library', 'chat', 'settings', 'diagnostics']);
  });
});
