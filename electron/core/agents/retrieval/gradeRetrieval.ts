import { topicWords } from './rewriteQuery';

/** A passage as grading sees it. */
export interface GradedPassage {
  text: string;
  keywordRank?: number;
  vectorScore?: number;
}

/** Options for grading. */
export interface GradeOptions {
  /**
   * A hit sharing no topic word counts as relevant only at or above this cosine similarity (0.75): a strong meaning
   * match (a paraphrase). Lower, common words alone ("which", "the") make everything look related.
   */
  minVectorScore?: number;
  /** Share of the question's topic words the kept passages must cover together (0.5). */
  minCoverage?: number;
}

/** The verdict: which passages to keep, and whether retrieval was weak enough to try a rewritten query. */
export interface Grade {
  relevant: number[];
  coverage: number;
  weak: boolean;
}

/**
 * The cheap relevance check between retrieval and answering: a passage is relevant when it shares a topic word with
 * the question (prefix match, as the rewrite uses) or is a close vector match. Retrieval is weak when nothing is
 * relevant or the relevant passages cover less than half of the question's topic words. No model call: grading
 * must cost nothing next to prefill.
 */
export function gradeRetrieval(
  question: string,
  passages: readonly GradedPassage[],
  options: GradeOptions = {},
): Grade {
  const topics = topicWords(question);
  const minVector = options.minVectorScore ?? 0.75;
  const covered = new Set<string>();
  const relevant: number[] = [];
  passages.forEach((p, i) => {
    const words = p.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const hits = topics.filter((t) => words.some((w) => w.startsWith(t)));
    hits.forEach((t) => covered.add(t));
    if (hits.length > 0 || (p.vectorScore ?? -1) >= minVector) relevant.push(i);
  });
  const coverage = topics.length ? covered.size / topics.length : relevant.length ? 1 : 0;
  return { relevant, coverage, weak: relevant.length === 0 || coverage < (options.minCoverage ?? 0.5) };
}
