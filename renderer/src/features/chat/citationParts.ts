import type { Citation } from '@shared/answerSchemas';
import { locationLabel, type PassageLocation } from '@shared/locationText';

/** A chip's visible text: "[2] report.pdf p. 3". */
export function chipLabel(c: Pick<Citation, 'n' | 'documentName'> & PassageLocation): string {
  const where = locationLabel(c);
  return `[${String(c.n)}] ${c.documentName}${where ? ` ${where}` : ''}`;
}

/** The sources under an answer: those the text cites first, then the rest ("also consulted"), each by number. */
export function orderSources(citations: readonly Citation[]): { cited: Citation[]; consulted: Citation[] } {
  const byNumber = [...citations].sort((a, b) => a.n - b.n);
  return { cited: byNumber.filter((c) => c.cited), consulted: byNumber.filter((c) => !c.cited) };
}

/** Steps of the answering agent, as the status line says them. */
export const STEP_LABELS = {
  retrieving: 'Searching your documents…',
  grading: 'Checking which passages fit…',
  rewriting: 'Rewriting the question…',
  answering: 'Writing the answer…',
} as const;
export type AskStep = keyof typeof STEP_LABELS;
