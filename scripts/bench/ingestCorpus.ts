import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { approximateTokens } from '../../electron/core/library/parse/chunkDocument';
import { DEFAULT_WORDS } from '../../tests/fixtures/gguf/defaultVocab';

/** Kinds of document in the bench corpus. */
type CorpusKind = 'pdf' | 'docx' | 'markdown' | 'code';

/** One generated document. */
export interface CorpusDoc {
  name: string;
  path: string;
  kind: CorpusKind;
  /** PDF pages (0 for the other kinds). */
  pages: number;
  bytes: number;
  /** The text written into the file, counted as the chunker counts tokens (approximateTokens). */
  approxTokens: number;
}

/** How the corpus is mixed, per 20 documents: 6 PDFs, 4 DOCX, 5 Markdown, 5 source files. */
const MIX: readonly CorpusKind[] = [
  'pdf',
  'markdown',
  'code',
  'docx',
  'pdf',
  'markdown',
  'code',
  'pdf',
  'docx',
  'markdown',
  'code',
  'pdf',
  'docx',
  'markdown',
  'code',
  'pdf',
  'docx',
  'markdown',
  'code',
  'pdf',
];

/** mulberry32: a small seeded PRNG, so the same seed writes the same text on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Text made of the fixture vocabulary (~300 common English words): the tiny models' tokenizers know every word, so a
 * word is about one model token, as with real text and a real tokenizer, instead of falling back to letters.
 */
class TextSource {
  constructor(private readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  word(): string {
    return DEFAULT_WORDS[Math.floor(this.random() * DEFAULT_WORDS.length)] as string;
  }

  words(n: number): string[] {
    return Array.from({ length: n }, () => this.word());
  }

  sentence(): string {
    const words = this.words(this.int(6, 16));
    if (words.length > 8 && this.random() < 0.3) words[this.int(3, words.length - 3)] += ',';
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${words.join(' ')}${this.random() < 0.1 ? '?' : '.'}`;
  }

  paragraph(minSentences = 3, maxSentences = 7): string {
    return Array.from({ length: this.int(minSentences, maxSentences) }, () => this.sentence()).join(' ');
  }

  title(): string {
    return this.words(this.int(2, 5))
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' ');
  }

  identifier(): string {
    const [head, ...rest] = this.words(this.int(2, 3)) as [string, ...string[]];
    return head + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  }
}

const FIXED_DATE = new Date('2025-01-01T00:00:00Z');

/** A multi-page PDF: each page holds 2–4 paragraphs wrapped to the page width. */
async function pdfDoc(text: TextSource): Promise<{ bytes: Buffer; pages: number; text: string }> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const title = text.title();
  doc.setTitle(title);
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const pages = text.int(3, 8);
  const all: string[] = [title];
  for (let p = 0; p < pages; p++) {
    const body = Array.from({ length: text.int(2, 4) }, () => text.paragraph()).join('\n');
    all.push(body);
    const page = doc.addPage([612, 792]);
    const heading = p === 0 ? `${title}\n` : '';
    page.drawText(`${heading}${body}`, { x: 50, y: 742, size: 10, lineHeight: 13, maxWidth: 512, font });
  }
  return { bytes: Buffer.from(await doc.save()), pages, text: all.join('\n') };
}

/** A DOCX with 3–6 headed sections of 1–3 paragraphs (its zip carries the packing time, its text does not vary). */
async function docxDoc(text: TextSource): Promise<{ bytes: Buffer; text: string }> {
  const children: Paragraph[] = [];
  const all: string[] = [];
  const title = text.title();
  children.push(new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }));
  all.push(title);
  for (let s = 0, n = text.int(3, 6); s < n; s++) {
    const heading = text.title();
    children.push(new Paragraph({ text: heading, heading: HeadingLevel.HEADING_2 }));
    all.push(heading);
    for (let k = 0, m = text.int(1, 3); k < m; k++) {
      const body = text.paragraph();
      children.push(new Paragraph(body));
      all.push(body);
    }
  }
  const doc = new Document({ creator: 'hearth-bench', title, sections: [{ children }] });
  return { bytes: await Packer.toBuffer(doc), text: all.join('\n') };
}

/** Markdown with nested headings, paragraphs, a list and now and then a fenced block. */
function markdownDoc(text: TextSource): string {
  const lines = [`# ${text.title()}`, '', text.paragraph(2, 4), ''];
  for (let s = 0, n = text.int(3, 6); s < n; s++) {
    lines.push(`## ${text.title()}`, '', text.paragraph(), '');
    if (text.int(0, 2) === 0) {
      for (let i = 0, m = text.int(3, 6); i < m; i++) lines.push(`- ${text.sentence()}`);
      lines.push('');
    }
    if (text.int(0, 1) === 0) lines.push(`### ${text.title()}`, '', text.paragraph(2, 5), '');
    if (text.int(0, 3) === 0) lines.push('```sh', `${text.word()} --${text.word()} ${text.word()}`, '```', '');
  }
  return lines.join('\n');
}

/** TypeScript or Python: functions named from the vocabulary, with doc comments and short bodies. */
function codeDoc(text: TextSource, python: boolean): string {
  const lines: string[] = [];
  const functions = text.int(4, 12);
  for (let f = 0; f < functions; f++) {
    const name = text.identifier();
    const args = Array.from({ length: text.int(1, 3) }, () => text.word());
    const unique = [...new Set(args)].map((a, i) => `${a}${i}`);
    const body = Array.from({ length: text.int(2, 8) }, (_, i) => {
      const left = `${text.word()}${i}`;
      const right = `${unique[i % unique.length]} + ${text.int(1, 99)}`;
      return python ? `    ${left} = ${right}` : `  const ${left} = ${right};`;
    });
    if (python) {
      lines.push(`def ${name}(${unique.join(', ')}):`, `    """${text.sentence()}"""`, ...body);
      lines.push(`    return ${unique[0]}`, '', '');
    } else {
      lines.push('/**', ` * ${text.sentence()}`, ` * ${text.sentence()}`, ' */');
      lines.push(`export function ${name}(${unique.map((a) => `${a}: number`).join(', ')}): number {`, ...body);
      lines.push(`  return ${unique[0]};`, '}', '');
    }
  }
  return lines.join('\n');
}

/**
 * Writes the ingestion bench corpus into `dir`: `documents` files mixing multi-page PDFs (3–8 pages), DOCX,
 * Markdown and source code (TypeScript and Python), in an interleaved order so any prefix is a mix too. All text
 * comes from a seeded PRNG, so runs with the same seed index the same text.
 */
export async function generateCorpus(
  dir: string,
  options: { documents?: number; seed?: number } = {},
): Promise<CorpusDoc[]> {
  const count = options.documents ?? 200;
  const text = new TextSource(prng(options.seed ?? 1));
  await mkdir(dir, { recursive: true });
  const docs: CorpusDoc[] = [];
  for (let i = 0; i < count; i++) {
    const kind = MIX[i % MIX.length] as CorpusKind;
    const stem = `${String(i + 1).padStart(3, '0')}-${text.word()}-${text.word()}`;
    let bytes: Buffer;
    let written: string;
    let pages = 0;
    let name: string;
    if (kind === 'pdf') {
      const pdf = await pdfDoc(text);
      ({ bytes, pages, text: written } = pdf);
      name = `${stem}.pdf`;
    } else if (kind === 'docx') {
      ({ bytes, text: written } = await docxDoc(text));
      name = `${stem}.docx`;
    } else if (kind === 'markdown') {
      written = markdownDoc(text);
      bytes = Buffer.from(written);
      name = `${stem}.md`;
    } else {
      const python = docs.filter((d) => d.kind === 'code').length % 2 === 1;
      written = codeDoc(text, python);
      bytes = Buffer.from(written);
      name = `${stem}.${python ? 'py' : 'ts'}`;
    }
    const path = join(dir, name);
    await writeFile(path, bytes);
    docs.push({ name, path, kind, pages, bytes: bytes.length, approxTokens: approximateTokens(written) });
  }
  return docs;
}

/** Documents, pages, bytes and tokens by kind and in all. */
export function summarizeCorpus(docs: readonly CorpusDoc[]): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const doc of docs) byKind[doc.kind] = (byKind[doc.kind] ?? 0) + 1;
  const sum = (pick: (d: CorpusDoc) => number): number => docs.reduce((n, d) => n + pick(d), 0);
  return {
    documents: docs.length,
    ...byKind,
    pdfPages: sum((d) => d.pages),
    bytes: sum((d) => d.bytes),
    approxTokens: sum((d) => d.approxTokens),
  };
}
