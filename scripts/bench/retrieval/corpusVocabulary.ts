import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The `size` most frequent lower-case words of the pages' text (tags, entities and scripts stripped): the vocabulary
 * for the generated lexical embedding model, so its vectors are a bag of the manual's own words rather than of
 * characters. Ties go alphabetically, so the model is the same on every run.
 */
export async function corpusVocabulary(dir: string, pages: readonly string[], size: number): Promise<string[]> {
  const counts = new Map<string, number>();
  for (const page of pages) {
    const html = await readFile(join(dir, page), 'utf8');
    const text = html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&[a-z#0-9]+;/gi, ' ');
    for (const word of text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([word]) => word);
}
