import type { Citation } from '../../../shared/answerSchemas';
import { citedNumbers } from '../../../shared/citations';
import { slideAndSheet } from '../../../shared/locationText';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';

const SNIPPET_CHARS = 280;

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
      ...slideAndSheet(prov),
      snippet: text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text,
      score: p.score,
      cited: cited.has(i + 1),
    };
  });
}
