import { describeSource } from '../../../shared/locationText';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';

/** A turn of the conversation so far. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** Options for `buildAnswerPrompt`. */
export interface AnswerPromptOptions {
  question: string;
  /** Best first; as many as fit are numbered [1], [2]… in this order. */
  passages: readonly RetrievedPassage[];
  history: readonly HistoryTurn[];
  /** Room for the whole prompt, in characters (≈ 4 per token): the context minus the answer's tokens. */
  budgetChars: number;
  /** Refuse rather than answer from the model's own knowledge when the sources say nothing. */
  onlyFromDocuments: boolean;
}

export interface AnswerPrompt {
  system: string;
  user: string;
  /** The passages that made it into the prompt; source [n] is `sources[n - 1]`. */
  sources: RetrievedPassage[];
}

const HISTORY_TURNS = 6;
const HISTORY_CHARS = 1_200;

/**
 * The answer prompt: numbered sources within the budget (best first, whole passages only, so a citation never
 * points at text the model did not see), a short slice of the conversation for follow-up questions, then the
 * question. Instructions ask for `[n]` after each claim.
 */
export function buildAnswerPrompt(o: AnswerPromptOptions): AnswerPrompt {
  const system = [
    'You answer questions about the user’s documents using the numbered sources you are given.',
    'After every sentence that uses a source, cite it like [1] or [2][3]. Never cite a number that is not listed.',
    o.onlyFromDocuments
      ? 'If the sources do not answer the question, say that the documents do not cover it. Do not guess.'
      : 'If the sources do not answer the question, say so first; then you may answer from general knowledge, marked as such.',
    'Be brief and precise.',
  ].join(' ');
  const history = o.history
    .slice(-HISTORY_TURNS)
    .map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.content.slice(0, HISTORY_CHARS)}`)
    .join('\n');
  const tail = `${history ? `Conversation so far:\n${history}\n\n` : ''}Question: ${o.question}`;
  let room = o.budgetChars - system.length - tail.length - 16;
  const sources: RetrievedPassage[] = [];
  const blocks: string[] = [];
  for (const p of o.passages) {
    const block = `[${sources.length + 1}] ${describeSource(p.documentName, p.provenance)}\n${p.text.trim()}`;
    if (block.length + 2 > room) continue;
    room -= block.length + 2;
    sources.push(p);
    blocks.push(block);
  }
  const user = `${blocks.length ? `Sources:\n\n${blocks.join('\n\n')}\n\n` : ''}${tail}`;
  return { system, user, sources };
}
