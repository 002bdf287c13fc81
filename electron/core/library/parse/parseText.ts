import { splitLines } from '../../../shared/splitLines';
import type { DocumentType, ParsedDocument } from './ParsedDocument';

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
