import { describe, expect, it } from 'vitest';
import { fitAnswerPrompt, fitNotice } from '../../../../electron/core/agents/prompt/fitAnswerPrompt';
import type { RetrievedPassage } from '../../../../electron/core/agents/retrieval/HybridRetriever';
import {
  estimateTokens,
  estimatingMeter,
  type MeasureRequest,
  type PromptMeter,
} from '../../../../electron/core/runtime/inference/PromptMeter';

/** Template tokens the fake model adds around a prompt. */
const TEMPLATE = 12;

/**
 * A model whose tokenizer gives one token a character, as a tiny or byte-level vocabulary does. `joinCost` adds
 * tokens per paragraph break of a whole prompt, so text counted in pieces under-counts the joined prompt.
 */
function charMeter(budget: number, joinCost = 0): PromptMeter & { calls: MeasureRequest[] } {
  const calls: MeasureRequest[] = [];
  const count = (text: string) => [...text].length;
  return {
    budget,
    exact: true,
    calls,
    measure(request) {
      calls.push(request);
      return Promise.resolve({
        prompts: (request.prompts ?? []).map((p) => {
          const text = [p.systemPrompt, ...p.messages.map((m) => m.content)].join('');
          return TEMPLATE + count(text) + joinCost * text.split('\n\n').length;
        }),
        texts: (request.texts ?? []).map(count),
        cuts: (request.cuts ?? []).map((c) => [...c.text].slice(0, Math.max(0, c.maxTokens)).join('')),
      });
    },
  };
}

function passage(i: number, words: number): RetrievedPassage {
  return {
    chunkId: `c${i}`,
    documentId: `d${i}`,
    documentName: `doc${i}.md`,
    documentType: 'markdown',
    text: Array.from({ length: words }, (_, w) => `word${i}x${w}`).join(' '),
    provenance: { lineStart: 1, lineEnd: 2 },
    score: 1 / (i + 1),
  };
}

const QUESTION = 'What do the documents say?';
const base = { question: QUESTION, history: [], onlyFromDocuments: true };

describe('fitAnswerPrompt', () => {
  it('keeps every source whole when they fit, counting the pieces in one round trip', async () => {
    const meter = charMeter(4_000);
    const passages = [passage(0, 20), passage(1, 20)];
    const fit = await fitAnswerPrompt({ ...base, passages, meter });
    expect(fit.sources).toEqual(passages);
    expect(fit).toMatchObject({ trimmed: false, left: 0, historyDropped: 0 });
    expect(fit.user).toContain(passages[1]!.text);
    expect(fit.tokens).toBeLessThanOrEqual(fit.budget);
    expect(fitNotice(fit)).toBeNull();
    // Pieces, then the assembled prompt: two measurements, no per-passage round trips.
    expect(meter.calls).toHaveLength(2);
  });

  it('fills best first, cuts the first passage that does not fit, and leaves the rest out', async () => {
    const passages = [0, 1, 2, 3, 4].map((i) => passage(i, 40));
    const meter = charMeter(1_200);
    const fit = await fitAnswerPrompt({ ...base, passages, meter });
    expect(fit.tokens).toBeLessThanOrEqual(1_200);
    expect(fit.sources.map((p) => p.chunkId)).toEqual(passages.slice(0, fit.sources.length).map((p) => p.chunkId));
    expect(fit.sources.length).toBeGreaterThan(0);
    expect(fit.sources.length).toBeLessThan(5);
    expect(fit.trimmed).toBe(true);
    expect(fit.left).toBe(5 - fit.sources.length);
    // The cut source is numbered after the whole ones and ends with an ellipsis; later ones are absent.
    const n = fit.sources.length;
    expect(fit.user).toContain(`[${n}] doc${n - 1}.md`);
    expect(fit.user).toMatch(/…\n\nQuestion: /);
    expect(fit.user).not.toContain(`[${n + 1}]`);
    expect(fitNotice(fit)).toBe(
      `Only ${n} of the 5 passages found fit in this model's context, the last one shortened; the answer is based on those.`,
    );
  });

  it('drops the oldest conversation turns before any source', async () => {
    const passages = [passage(0, 30), passage(1, 30)];
    const history = [
      { role: 'user' as const, content: 'an old question '.repeat(10) },
      { role: 'assistant' as const, content: 'an old answer '.repeat(10) },
      { role: 'user' as const, content: 'the last question' },
      { role: 'assistant' as const, content: 'the last answer' },
    ];
    const whole = await fitAnswerPrompt({ ...base, passages, history, meter: charMeter(10_000) });
    // Room for both sources and the two newest turns, not for the old ones.
    const budget = whole.tokens - 200;
    const fit = await fitAnswerPrompt({ ...base, passages, history, meter: charMeter(budget) });
    expect(fit.sources).toEqual(passages);
    expect(fit.trimmed).toBe(false);
    expect(fit.historyDropped).toBe(2);
    expect(fit.user).toContain('User: the last question');
    expect(fit.user).not.toContain('an old');
    expect(fit.tokens).toBeLessThanOrEqual(budget);
    expect(fitNotice(fit)).toBeNull();
  });

  it('answers with a shortened first passage when that is all that fits, and says so', async () => {
    const passages = [passage(0, 400), passage(1, 400), passage(2, 400)];
    const meter = charMeter(700);
    const fit = await fitAnswerPrompt({ ...base, passages, meter });
    expect(fit.sources).toEqual([passages[0]]);
    expect(fit.trimmed).toBe(true);
    expect(fit.user).toContain('word0x0 word0x1');
    expect(fit.user).not.toContain('[2]');
    expect(fit.tokens).toBeLessThanOrEqual(700);
    expect(fitNotice(fit)).toMatch(
      /^Only 1 of the 3 passages found fit in this model's context, the last one shortened/,
    );
    const alone = await fitAnswerPrompt({ ...base, passages: [passages[0]!], meter: charMeter(700) });
    expect(fitNotice(alone)).toBe(
      "The last source was shortened to fit in this model's context (700 tokens for the prompt).",
    );
  });

  it('answers without sources, and says why, when not even a cut passage fits', async () => {
    const passages = [passage(0, 100)];
    const bare = await fitAnswerPrompt({ ...base, passages: [], meter: charMeter(10_000) });
    const fit = await fitAnswerPrompt({ ...base, passages, meter: charMeter(bare.tokens + 20) });
    expect(fit.sources).toEqual([]);
    expect(fit.left).toBe(1);
    expect(fit.user).toBe(`Question: ${QUESTION}`);
    expect(fitNotice(fit)).toMatch(/^None of the 1 passages found fit in this model's context/);
  });

  it('still fits when the joined prompt tokenizes longer than its pieces', async () => {
    const passages = [0, 1, 2, 3, 4, 5].map((i) => passage(i, 30));
    const history = [
      { role: 'user' as const, content: 'first' },
      { role: 'assistant' as const, content: 'reply' },
    ];
    for (const budget of [700, 1_000, 1_500, 2_500]) {
      const fit = await fitAnswerPrompt({ ...base, passages, history, meter: charMeter(budget, 9) });
      expect(fit.tokens, `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(fit.sources.length, `budget ${budget}`).toBeGreaterThan(0);
    }
  });
});

describe('estimatingMeter (remote endpoints)', () => {
  it('budgets from the configured context and over-counts rather than under-counts', async () => {
    const meter = estimatingMeter(8_192, 768);
    expect(meter).toMatchObject({ budget: 8_192 - 768, exact: false });
    // English runs about 4 bytes a token, CJK 3 bytes a character: both estimates are above the real counts.
    expect(estimateTokens('The lighthouse keeper repaired the lantern.')).toBeGreaterThanOrEqual(11);
    expect(estimateTokens('灯台守がランプを修理した')).toBeGreaterThanOrEqual(12);
    const measured = await meter.measure({ cuts: [{ text: '灯台守がランプを修理した', maxTokens: 4 }] });
    expect(measured.cuts).toEqual(['灯台']);
  });
});
