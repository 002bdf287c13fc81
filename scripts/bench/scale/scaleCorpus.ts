import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { approximateTokens } from '../../../electron/core/library/parse/chunkDocument';
import { DEFAULT_WORDS } from '../../../tests/fixtures/gguf/defaultVocab';

/** Kinds of file in the scale corpus, interleaved so any prefix (and so any window of the ingest) mixes them. */
type ScaleKind = 'markdown' | 'html' | 'text';
const MIX: readonly ScaleKind[] = ['markdown', 'html', 'text', 'markdown', 'html'];
const EXTENSION: Readonly<Record<ScaleKind, string>> = { markdown: 'md', html: 'html', text: 'txt' };

/**
 * Section bodies stay within these estimated tokens (the chunker's `approximateTokens`): each fits one passage of
 * the library's 384-token chunks, and any two together do not, so a plain-text file's paragraphs are not packed
 * into one passage either. That is what lets the generator promise each file's passage count.
 */
const BODY_MIN = 200;
const BODY_MAX = 330;

/** One generated file and the passages it will make. */
export interface ScaleDoc {
  name: string;
  kind: ScaleKind;
  bytes: number;
  /** Passages the library's chunker makes of it: one per section (heading + body, or paragraph). */
  passages: number;
}

/** Options for {@link generateScaleCorpus}. */
export interface ScaleCorpusOptions {
  /** Files to write. */
  documents: number;
  /** Same seed, same bytes. */
  seed?: number;
  /** Passages per file are drawn from `mean − 2 … mean + 2` (default mean 10). */
  meanPassages?: number;
  /** The vocabulary (default {@link scaleVocabulary}). */
  vocabulary?: readonly string[];
}

/** mulberry32: a small seeded PRNG, so the same seed writes the same text on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'd',
  'f',
  'g',
  'gr',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'r',
  's',
  'st',
  't',
  'v',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'x'];

/**
 * The fixture's ~330 common English words and `synthetic` made-up ones (two or three syllables, unique, in a fixed
 * order): a vocabulary wide enough that keyword search has rarer words to find, and small enough for the generated
 * lexical embedding model, whose tokenizer must know every word (one word, one token). The model's cost grows with
 * its vocabulary (llama.cpp projects every token onto it): 10 passages embed in ~0.4 s with 330 words, ~1 s with
 * 2,000 and ~1.7 s with 6,300 on the 2-core development machine, so the default keeps ~2,000.
 */
export function scaleVocabulary(synthetic = 1_700): string[] {
  const words = new Set(DEFAULT_WORDS);
  const random = prng(0x5ca1e);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const target = DEFAULT_WORDS.length + synthetic;
  while (words.size < target) {
    const syllables = 2 + Math.floor(random() * 2);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    words.add(word);
  }
  return [...words];
}

/** Words drawn by a Zipf law (rank r has weight 1/(r+1)), as in real text: a few common words, a long tail. */
export class Words {
  readonly #cumulative: Float64Array;
  constructor(
    private readonly vocabulary: readonly string[],
    private readonly random: () => number,
  ) {
    this.#cumulative = new Float64Array(vocabulary.length);
    let sum = 0;
    for (let r = 0; r < vocabulary.length; r++) this.#cumulative[r] = sum += 1 / (r + 1);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  word(): string {
    const x = this.random() * this.#cumulative[this.#cumulative.length - 1]!;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.vocabulary[lo]!;
  }

  title(): string {
    return Array.from({ length: this.int(2, 5) }, () => this.word())
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ');
  }

  sentence(): string {
    const words = Array.from({ length: this.int(6, 16) }, () => this.word());
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(' ')}.`;
  }

  /** Sentences until the estimate reaches a target drawn from BODY_MIN…BODY_MAX, never past BODY_MAX. */
  body(): string {
    const target = this.int(BODY_MIN, BODY_MAX);
    const sentences: string[] = [];
    let tokens = 0;
    while (tokens < target) {
      const next = this.sentence();
      const grown = approximateTokens([...sentences, next].join(' '));
      if (grown > BODY_MAX) {
        if (tokens >= BODY_MIN) break;
        continue; // a shorter sentence will fit
      }
      sentences.push(next);
      tokens = grown;
    }
    return sentences.join(' ');
  }
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text of one file of `sections` passages. */
function fileText(kind: ScaleKind, words: Words, sections: number): string {
  const parts = Array.from({ length: sections }, () => ({ heading: words.title(), body: words.body() }));
  if (kind === 'markdown') {
    return `${parts.map((p, i) => `${i === 0 ? '#' : '##'} ${p.heading}\n\n${p.body}\n`).join('\n')}`;
  }
  if (kind === 'html') {
    const body = parts
      .map(
        (p, i) => `<h${i === 0 ? 1 : 2}>${escapeHtml(p.heading)}</h${i === 0 ? 1 : 2}>\n<p>${escapeHtml(p.body)}</p>`,
      )
      .join('\n');
    return `<!doctype html>\n<html><head><title>${escapeHtml(parts[0]!.heading)}</title></head>\n<body>\n${body}\n</body></html>\n`;
  }
  return `${parts.map((p) => p.body).join('\n\n')}\n`;
}

/**
 * Writes the scale bench corpus into `dir`: Markdown, HTML and plain-text files (3 : 2 : 1 … in the order of MIX),
 * each of 8–12 sections of 200–330 estimated tokens drawn from a Zipf-distributed vocabulary, so each file makes
 * exactly `passages` passages. Seeded: the same options write the same bytes. Files go 1,000 to a subfolder.
 */
export async function generateScaleCorpus(dir: string, options: ScaleCorpusOptions): Promise<ScaleDoc[]> {
  const random = prng(options.seed ?? 1);
  const words = new Words(options.vocabulary ?? scaleVocabulary(), random);
  const mean = options.meanPassages ?? 10;
  const docs: ScaleDoc[] = [];
  for (let i = 0; i < options.documents; i++) {
    const kind = MIX[i % MIX.length]!;
    const passages = Math.max(1, words.int(mean - 2, mean + 2));
    const text = fileText(kind, words, passages);
    const folder = `part-${String(Math.floor(i / 1000)).padStart(2, '0')}`;
    const name = `${folder}/${String(i + 1).padStart(5, '0')}-${words.word()}.${EXTENSION[kind]}`;
    if (i % 1000 === 0) await mkdir(join(dir, folder), { recursive: true });
    const bytes = Buffer.from(text);
    await writeFile(join(dir, name), bytes);
    docs.push({ name, kind, bytes: bytes.length, passages });
  }
  return docs;
}
