import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { OcrMarks } from '../../../shared/ocrMarks';
import { passageOcrMarks } from './ocr/ocrWordBoxes';
import {
  isHeadingProvenance,
  isLineProvenance,
  isPageProvenance,
  type ParsedDocument,
  type ParsedSection,
  type Provenance,
} from './ParsedDocument';
import { hasMarkdownTable, splitKeepingTables, type TextPiece } from './splitKeepingTables';

export interface Chunk {
  /** 0-based position in the document. */
  index: number;
  text: string;
  /** Token count as measured by the options' countTokens. */
  tokens: number;
  provenance: Provenance;
  /** Where an OCR chunk's words are on its page image. */
  ocr?: OcrMarks;
}

export interface ChunkOptions {
  /** Most tokens a chunk may hold (default 512). */
  chunkTokens?: number;
  /** Tokens repeated from the end of one chunk at the start of the next (default 64). */
  overlapTokens?: number;
  /** Token counter; defaults to approximateTokens. Inject the embedding model's tokenizer for exact budgets. */
  countTokens?: (text: string) => number;
}

/**
 * A tokenizer-free estimate close to BPE tokenizers on prose and code: a word costs one token per four characters
 * (at least one), each punctuation mark or symbol costs one.
 */
export function approximateTokens(text: string): number {
  let tokens = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)) tokens += Math.ceil(m[0].length / 4);
  return tokens;
}

interface Piece {
  text: string;
  provenance: Provenance;
  ocr?: OcrMarks;
}

/** A piece of `section` at `offset`, with the boxes of its words when the section was read by OCR. */
function sectionPiece(section: ParsedSection, text: string, offset: number, provenance: Provenance): Piece {
  const ocr = section.ocr && passageOcrMarks(section.ocr, offset, text.length);
  return ocr ? { text, provenance, ocr } : { text, provenance };
}

/** Line range of a substring at `offset..offset+length` within a section starting at `lineStart`. */
function linesOf(sectionText: string, offset: number, length: number, lineStart: number): [number, number] {
  let before = 0;
  for (let k = sectionText.indexOf('\n'); k !== -1 && k < offset; k = sectionText.indexOf('\n', k + 1)) before++;
  let inside = 0;
  for (let k = sectionText.indexOf('\n', offset); k !== -1 && k < offset + length; k = sectionText.indexOf('\n', k + 1))
    inside++;
  return [lineStart + before, lineStart + before + inside];
}

/** The provenance of a piece of a section: lines from its offset, cells from its table rows, else the section's. */
function pieceProvenance(section: ParsedSection, piece: TextPiece): Provenance {
  const p = section.provenance;
  if (isPageProvenance(p)) return p;
  if ('sheet' in p) {
    const t = section.table;
    if (!t || !piece.bodyRows) return p;
    const first = t.rowNumbers[piece.bodyRows[0]]!;
    const last = t.rowNumbers[piece.bodyRows[1]]!;
    return { sheet: p.sheet, cells: `${t.firstColumn}${String(first)}:${t.lastColumn}${String(last)}` };
  }
  if (!('lineStart' in p) || p.lineStart === undefined) return p;
  const [lineStart, lineEnd] = linesOf(section.text, piece.offset, piece.length, p.lineStart);
  return isHeadingProvenance(p) ? { headingPath: p.headingPath, lineStart, lineEnd } : { lineStart, lineEnd };
}

/**
 * Splits a parsed document into token-bounded, overlapping chunks that never cross a page, slide, sheet or heading,
 * each with the provenance a citation needs: the PDF page, the slide, the sheet and cell range, the line range (from
 * the chunk's offset in its section), and the heading path. Small neighbouring line sections (CSV rows, JSON
 * records) are packed together up to the budget. Markdown tables are cut only between rows, the header repeated.
 */
export async function chunkDocument(doc: ParsedDocument, options: ChunkOptions = {}): Promise<Chunk[]> {
  const chunkTokens = options.chunkTokens ?? 512;
  const overlapTokens = Math.min(options.overlapTokens ?? 64, Math.floor(chunkTokens / 2));
  const countTokens = options.countTokens ?? approximateTokens;
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: chunkTokens,
    chunkOverlap: overlapTokens,
    lengthFunction: countTokens,
  });

  const pieces: Piece[] = [];
  let pack: { text: string; lineStart: number; lineEnd: number; tokens: number }[] = [];
  /** Rows in `pack` not yet emitted (the rest are overlap carried from the previous chunk). */
  let fresh = 0;
  const packTokens = (): number => pack.reduce((sum, r) => sum + r.tokens + 1, 0);
  const flushPack = (): void => {
    if (fresh === 0) return;
    fresh = 0;
    pieces.push({
      text: pack.map((p) => p.text).join('\n'),
      provenance: { lineStart: pack[0]!.lineStart, lineEnd: pack[pack.length - 1]!.lineEnd },
    });
    // Carry the trailing rows that fit in the overlap into the next pack.
    const carried: typeof pack = [];
    let carriedTokens = 0;
    for (let k = pack.length - 1; k > 0; k--) {
      const row = pack[k]!;
      if (carriedTokens + row.tokens > overlapTokens) break;
      carried.unshift(row);
      carriedTokens += row.tokens;
    }
    pack = carried;
  };

  for (const section of doc.sections) {
    const tokens = countTokens(section.text);
    const p = section.provenance;
    const packable = isLineProvenance(p) && tokens <= chunkTokens;
    if (packable && doc.sections.length > 1) {
      if (packTokens() + tokens > chunkTokens) flushPack();
      while (pack.length > 0 && packTokens() + tokens > chunkTokens) pack.shift();
      pack.push({ text: section.text, lineStart: p.lineStart, lineEnd: p.lineEnd, tokens });
      fresh++;
      continue;
    }
    flushPack();
    pack = [];
    if (tokens <= chunkTokens) {
      pieces.push(sectionPiece(section, section.text, 0, p));
      continue;
    }
    if (section.table || hasMarkdownTable(section.text)) {
      const split = await splitKeepingTables(section.text, {
        chunkTokens,
        countTokens,
        splitProse: (text) => splitter.splitText(text),
      });
      for (const piece of split) pieces.push({ text: piece.text, provenance: pieceProvenance(section, piece) });
      continue;
    }
    const parts = await splitter.splitText(section.text);
    let cursor = 0;
    for (const part of parts) {
      // The splitter returns substrings in order; find each one to recover its offset and so its lines.
      let offset = section.text.indexOf(part, cursor);
      if (offset === -1) offset = Math.min(cursor, section.text.length);
      else cursor = offset + 1;
      const provenance = pieceProvenance(section, { text: part, offset, length: part.length });
      pieces.push(sectionPiece(section, part, offset, provenance));
    }
  }
  flushPack();
  return pieces
    .filter((piece) => piece.text.trim() !== '')
    .map((piece, index) => ({
      index,
      text: piece.text,
      tokens: countTokens(piece.text),
      provenance: piece.provenance,
      ...(piece.ocr ? { ocr: piece.ocr } : {}),
    }));
}
