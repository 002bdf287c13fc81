import type { MetadataValue } from '../../vectors/VectorStore';
import type { NewChunk, Provenance as CatalogProvenance } from '../catalog/catalogTypes';
import type { Chunk } from '../parse/chunkDocument';
import type { Provenance } from '../parse/ParsedDocument';

/** The catalogue's provenance: a page, a slide, cells, a line range, or a heading path with its lines (if any). */
function toCatalogProvenance(p: Provenance): CatalogProvenance {
  if ('page' in p) return p.confidence === undefined ? { page: p.page } : { page: p.page, confidence: p.confidence };
  if ('slide' in p) return { slide: p.slide };
  if ('sheet' in p) return { sheet: p.sheet, cells: p.cells };
  if ('headingPath' in p) {
    return p.lineStart !== undefined && p.lineEnd !== undefined
      ? { headingPath: p.headingPath, lineStart: p.lineStart, lineEnd: p.lineEnd }
      : { headingPath: p.headingPath };
  }
  return { lineStart: p.lineStart, lineEnd: p.lineEnd };
}

export function toCatalogChunk(chunk: Chunk): NewChunk {
  return {
    ordinal: chunk.index,
    text: chunk.text,
    provenance: toCatalogProvenance(chunk.provenance),
    tokenCount: chunk.tokens,
    ...(chunk.ocr ? { ocr: chunk.ocr } : {}),
  };
}

/** Vector metadata for a chunk: scalars only (Chroma and jsonb compare them exactly). */
export function provenanceMetadata(p: CatalogProvenance): Record<string, MetadataValue> {
  if ('headingPath' in p) {
    const out: Record<string, MetadataValue> = { headingPath: p.headingPath.join(' › ') };
    if (p.lineStart && p.lineEnd) Object.assign(out, { lineStart: p.lineStart, lineEnd: p.lineEnd });
    return out;
  }
  if ('lineStart' in p) return { lineStart: p.lineStart, lineEnd: p.lineEnd };
  if ('slide' in p) return { slide: p.slide };
  if ('sheet' in p) return { sheet: p.sheet, cells: p.cells };
  return p.page === undefined ? {} : { page: p.page };
}
