/** Words that carry no topic; a question made of them retrieves noise. */
const STOPWORDS = new Set(
  `a an the and or but if of to in on at by for with from about into over under as is are was were be been being
  do does did have has had what which who whom whose when where why how this that these those it its i you he she
  we they me my your our their can could should would will shall may might must there here not no yes please tell
  explain describe say said any some all each every more most other such than then so very just also only own same
  document documents file files page pages text say says`.split(/\s+/),
);

/** A crude English stem: enough for prefix matching (bridges → bridge*, running → runn*). */
function stem(word: string): string {
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 'ly', 's']) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * The retry query when retrieval was weak: the question's topic words only, stemmed, for a prefix match that also
 * finds other forms of each word. Deterministic and cheap, unlike asking the model (which, being small and local,
 * tends to drift off the question). Null when the question has no topic word left.
 */
export function rewriteQuery(question: string): string | null {
  const words =
    question
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const topics = [...new Set(words.filter((w) => w.length > 2 && !STOPWORDS.has(w)).map(stem))];
  return topics.length ? topics.join(' ') : null;
}

/** Topic words of a question (for grading coverage). */
export function topicWords(question: string): string[] {
  return rewriteQuery(question)?.split(' ') ?? [];
}
