import type { PromptDraft, PromptMeter } from '../../runtime/inference/PromptMeter';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';
import { buildAnswerPrompt, historyLines, sourceBlock, type HistoryTurn } from './buildAnswerPrompt';

/** Options for `fitAnswerPrompt`. */
export interface FitAnswerOptions {
  question: string;
  /** Best first; as many as fit are numbered [1], [2]… in this order. */
  passages: readonly RetrievedPassage[];
  history: readonly HistoryTurn[];
  onlyFromDocuments: boolean;
  /** Counts the way the answering model does, and knows its budget. */
  meter: PromptMeter;
}

/** The prompt that fits, and what had to give way. */
export interface FittedAnswerPrompt {
  system: string;
  user: string;
  /** The passages in the prompt; source [n] is `sources[n - 1]`. */
  sources: RetrievedPassage[];
  /** The last source was shortened to fit. */
  trimmed: boolean;
  /** Passages found that are not in the prompt. */
  left: number;
  /** Recent conversation lines left out. */
  historyDropped: number;
  /** The prompt's tokens as the meter counted them, and its budget. */
  tokens: number;
  budget: number;
}

/** A cut passage shorter than this (after its heading) says too little to cite. */
const MIN_CUT_TOKENS = 24;
/** Kept free when cutting: the ellipsis, and a token where the cut text joins the next. */
const CUT_SLACK = 4;
/** Times an over-long cut is shortened again before it is left out. */
const CUT_RETRIES = 2;
const ELLIPSIS = '…';

/**
 * Fits the answer prompt to the answering model's context, counted with its own tokenizer: the question and
 * instructions always; history gives way first (oldest turn first), then sources from the worst up; the first source
 * that does not fit whole is cut to the room left. Pieces are counted alone, then the assembled prompt is counted
 * once more and shrunk until it fits, since text joined can tokenize a little differently. If even the question
 * does not fit, the bare prompt is returned and the model refuses it as too long.
 */
export async function fitAnswerPrompt(o: FitAnswerOptions): Promise<FittedAnswerPrompt> {
  const { meter, passages } = o;
  const n = passages.length;
  const lines = historyLines(o.history);
  const blocks = passages.map((p, i) => sourceBlock(i + 1, p));
  const draft = (sources: readonly string[], history: readonly string[]): PromptDraft => {
    const prompt = buildAnswerPrompt({
      question: o.question,
      sources,
      history,
      onlyFromDocuments: o.onlyFromDocuments,
    });
    return { systemPrompt: prompt.system, messages: [{ role: 'user', content: prompt.user }] };
  };

  const counted = await meter.measure({
    prompts: [draft([], [])],
    texts: [
      'Sources:\n\n',
      'Conversation so far:\n\n',
      ...blocks.map((b) => `${b}\n\n`),
      ...passages.map((p, i) => sourceBlock(i + 1, p, '')),
      ...lines.map((l) => `${l}\n`),
    ],
  });
  const at = (i: number): number => counted.texts[i] ?? 0;
  const blockTokens = (i: number): number => at(2 + i);
  const headTokens = (i: number): number => at(2 + n + i);
  const lineTokens = (i: number): number => at(2 + 2 * n + i);
  const room = meter.budget - (counted.prompts[0] ?? 0);

  let allSources = n ? at(0) : 0;
  for (let i = 0; i < n; i++) allSources += blockTokens(i);
  const historyCost = (from: number): number => {
    let cost = from < lines.length ? at(1) : 0;
    for (let i = from; i < lines.length; i++) cost += lineTokens(i);
    return cost;
  };
  let first = 0;
  while (first < lines.length && allSources + historyCost(first) > room) first++;

  let left = room - historyCost(first) - (n ? at(0) : 0);
  let sources: string[] = [];
  let cut: { index: number; maxTokens: number; retries: number } | null = null;
  for (let i = 0; i < n; i++) {
    if (blockTokens(i) <= left) {
      sources.push(blocks[i]!);
      left -= blockTokens(i);
      continue;
    }
    if (left - CUT_SLACK - headTokens(i) >= MIN_CUT_TOKENS) cut = { index: i, maxTokens: left - CUT_SLACK, retries: 0 };
    break;
  }

  let history = lines.slice(first);
  for (;;) {
    let candidate = sources;
    if (cut) {
      const [text = ''] = (await meter.measure({ cuts: [{ text: blocks[cut.index]!, maxTokens: cut.maxTokens }] }))
        .cuts;
      candidate = [...sources, `${text.trimEnd()}${ELLIPSIS}`];
    }
    const prompt = draft(candidate, history);
    const tokens = (await meter.measure({ prompts: [prompt] })).prompts[0] ?? Number.POSITIVE_INFINITY;
    const nothingLeft = !cut && sources.length === 0 && history.length === 0;
    if (tokens <= meter.budget || nothingLeft) {
      return {
        system: prompt.systemPrompt,
        user: prompt.messages[0]!.content,
        sources: passages.slice(0, candidate.length),
        trimmed: cut !== null,
        left: n - candidate.length,
        historyDropped: lines.length - history.length,
        tokens,
        budget: meter.budget,
      };
    }
    const over = tokens - meter.budget;
    if (
      cut &&
      cut.retries < CUT_RETRIES &&
      cut.maxTokens - over - CUT_SLACK - headTokens(cut.index) >= MIN_CUT_TOKENS
    ) {
      cut = { ...cut, maxTokens: cut.maxTokens - over - CUT_SLACK, retries: cut.retries + 1 };
    } else if (cut) {
      cut = null;
    } else if (sources.length) {
      sources = sources.slice(0, -1);
    } else {
      history = history.slice(1);
    }
  }
}

/** What people should know about a fitted prompt, or null when every source found went in whole. */
export function fitNotice(fit: FittedAnswerPrompt): string | null {
  const found = fit.sources.length + fit.left;
  if (found === 0 || (fit.left === 0 && !fit.trimmed)) return null;
  if (fit.sources.length === 0) {
    return (
      `None of the ${found} passages found fit in this model's context (${fit.budget} tokens for the prompt), so ` +
      'this answer does not use them. A model with a larger context, or a narrower question, would help.'
    );
  }
  const shortened = fit.trimmed ? ', the last one shortened' : '';
  return fit.left === 0
    ? `The last source was shortened to fit in this model's context (${fit.budget} tokens for the prompt).`
    : `Only ${fit.sources.length} of the ${found} passages found fit in this model's context${shortened}; the ` +
        'answer is based on those.';
}
