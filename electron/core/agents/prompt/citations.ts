import type { Citation } from '../../../shared/answerSchemas';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';

const SNIPPET_CHARS = 280;

/** Source numbers an answer cites: `[2]`, `[1][3]`, `[1, 3]`; numbers outside 1..max are ignored. */
export function citedNumbers(answer: string, max: number): Set<number> {
  const cited = new Set<number>();
  for (const group of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const n of group[1]!.split(',').map((s) => Number(s.trim()))) {
      if (Number.isInteger(n) && n >= 1 && n <= max) cited.add(n);
    }
  }
  return cited;
}

/** The answer's citations: every source in the prompt, numbered as the model saw them, cited ones marked. */
export function buildCitations(sources: readonly RetrievedPassage[], answer: string): Citation[] {
  const cited = citedNumbers(answer, sources.length);
  return sources.map((p, i) => {
    const prov = p.provenance as { page?: number; lineStart?: number; lineEnd?: number; headingPath?: string[] };
    const text = p.text.replace(/\s+/g, ' ').trim();
    return {
      n: i + 1,
      chunkId: p.chunkId,
      documentId: p.documentId,
      documentName: p.documentName,
      documentType: p.documentType,
      ...(prov.page ? { page: prov.page } : {}),
      ...(prov.lineStart && prov.lineEnd ? { lineStart: prov.lineStart, lineEnd: prov.lineEnd } : {}),
      ...(prov.headingPath?.length ? { headingPath: prov.headingPath } : {}),
      snippet: text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text,
      score: p.score,
      cited: cited.has(i + 1),
    };
  });
}
