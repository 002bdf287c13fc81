import { describeSource } from '../../../shared/locationText';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';

/** A turn of the conversation so far. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** What goes into one answer prompt, already chosen to fit (see fitAnswerPrompt). */
export interface AnswerPromptParts {
  question: string;
  /** The text of each numbered source, in order: source [n] is `sources[n - 1]`. */
  sources: readonly string[];
  /** Lines of the conversation so far (see historyLines), oldest first. */
  history: readonly string[];
  /** Refuse rather than answer from the model's own knowledge when the sources say nothing. */
  onlyFromDocuments: boolean;
}

const HISTORY_TURNS = 6;
const HISTORY_CHARS = 1_200;

/**
 * The answer prompt: numbered sources, best first, a short slice of the conversation for follow-up questions, then
 * the question. Instructions ask for `[n]` after each claim.
 */
export function buildAnswerPrompt(o: AnswerPromptParts): { system: string; user: string } {
  const system = [
    'You answer questions about the user’s documents using the numbered sources you are given.',
    'After every sentence that uses a source, cite it like [1] or [2][3]. Never cite a number that is not listed.',
    o.onlyFromDocuments
      ? 'If the sources do not answer the question, say that the documents do not cover it. Do not guess.'
      : 'If the sources do not answer the question, say so first; then you may answer from general knowledge, marked as such.',
    'Be brief and precise.',
  ].join(' ');
  const sources = o.sources.length ? `Sources:\n\n${o.sources.join('\n\n')}\n\n` : '';
  const history = o.history.length ? `Conversation so far:\n${o.history.join('\n')}\n\n` : '';
  return { system, user: `${sources}${history}Question: ${o.question}` };
}

/** Source [n] as the model reads it: where it is from, then its text. */
export function sourceBlock(n: number, passage: RetrievedPassage, text = passage.text.trim()): string {
  return `[${n}] ${describeSource(passage.documentName, passage.provenance)}\n${text}`;
}

/** The recent turns as prompt lines, oldest first: the last few, each shortened. */
export function historyLines(history: readonly HistoryTurn[]): string[] {
  return history
    .slice(-HISTORY_TURNS)
    .map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.content.slice(0, HISTORY_CHARS)}`);
}
