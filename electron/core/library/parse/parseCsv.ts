import type { ParsedDocument, ParsedSection } from './ParsedDocument';

export interface ParseCsvOptions {
  /** Field separator; guessed from the first line (comma, tab, semicolon) when omitted. */
  delimiter?: string;
  /** Stop after this many records so a huge export stays bounded. */
  maxRecords?: number;
}

interface CsvRecord {
  fields: string[];
  lineStart: number;
  lineEnd: number;
}

/** RFC 4180 records with quoted fields (which may span lines), each with its source line range. */
function* readCsvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const fields: string[] = [];
    const lineStart = line;
    let field = '';
    let inQuotes = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') inQuotes = false;
        else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"' && field === '') inQuotes = true;
      else if (c === delimiter) {
        fields.push(field);
        field = '';
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        break;
      } else field += c;
    }
    fields.push(field);
    yield { fields, lineStart, lineEnd: line };
    line++;
  }
}

function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n/) === -1 ? undefined : text.search(/\r|\n/));
  const counts = [',', '\t', ';', '|'].map((d) => ({ d, n: firstLine.split(d).length }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 1 ? counts[0]!.d : ',';
}

/**
 * CSV/TSV: the first row names the columns; each later row becomes one readable line, "Column: value; …", as its
 * own section with its source line range (chunkDocument packs neighbouring rows into one chunk).
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): ParsedDocument {
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const maxRecords = options.maxRecords ?? 200_000;
  const sections: ParsedSection[] = [];
  let header: string[] | undefined;
  for (const record of readCsvRecords(text, delimiter)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    if (header === undefined) {
      header = record.fields.map((f, n) => f.trim() || `Column ${n + 1}`);
      continue;
    }
    const parts = record.fields
      .map((value, n) => ({ name: header![n] ?? `Column ${n + 1}`, value: value.trim() }))
      .filter((p) => p.value !== '')
      .map((p) => `${p.name}: ${p.value}`);
    if (parts.length > 0) {
      sections.push({ text: parts.join('; '), provenance: { lineStart: record.lineStart, lineEnd: record.lineEnd } });
    }
    if (sections.length >= maxRecords) break;
  }
  // A file with only a header row still says something worth finding.
  if (sections.length === 0 && header !== undefined) {
    sections.push({ text: header.join('; '), provenance: { lineStart: 1, lineEnd: 1 } });
  }
  return { type: 'csv', sections };
}
