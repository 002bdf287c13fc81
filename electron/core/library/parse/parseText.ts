import type { DocumentType, ParsedDocument } from './ParsedDocument';

/** Splits into lines the way editors count them: \r\n, \n or a lone \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * Plain text and source code: one section covering the whole file with its line range; chunkDocument maps each
 * chunk back to its own lines.
 */
export function parseText(text: string, type: Extract<DocumentType, 'text' | 'code'>): ParsedDocument {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\n+$/, ''); // a final newline ends the last line, it is not a line
  if (normalized.trim() === '') return { type, sections: [] };
  const lineCount = splitLines(normalized).length;
  return { type, sections: [{ text: normalized, provenance: { lineStart: 1, lineEnd: lineCount } }] };
}
