import type { Provenance } from '../../../electron/shared/librarySchemas';

/** Where a passage sits: "p. 3", "lines 10–24", "Install › On Intel Macs · lines 12–13". */
export function formatProvenance(p: Provenance): string {
  if (p.page !== undefined) return `p. ${String(p.page)}`;
  const parts: string[] = [];
  if (p.headingPath && p.headingPath.length > 0) parts.push(p.headingPath.join(' › '));
  if (p.lineStart !== undefined) {
    const end = p.lineEnd ?? p.lineStart;
    parts.push(end === p.lineStart ? `line ${String(p.lineStart)}` : `lines ${String(p.lineStart)}–${String(end)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : '—';
}

const TYPES: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word',
  markdown: 'Markdown',
  html: 'HTML',
  text: 'Text',
  code: 'Code',
  csv: 'CSV',
  json: 'JSON',
};

/** The sniffed type as people call it; '' (not read yet, or unreadable) is a dash. */
export function documentTypeLabel(type: string): string {
  if (!type) return '—';
  return TYPES[type] ?? type.toUpperCase();
}

/** What the library reads, for empty states and the drop overlay. */
export const SUPPORTED_TYPES_TEXT = 'PDF, Word (.docx), Markdown, HTML, plain text, source code, CSV and JSON';
