import type { ParsedSection } from './ParsedDocument';

/** A line-sized piece of a structured document; `level` is set for headings (1–6). */
export interface TextBlock {
  text: string;
  lineStart: number;
  lineEnd: number;
  level?: number;
}

/**
 * Groups blocks into one section per heading, each carrying the chain of headings above it. Text before the first
 * heading gets an empty path. Sections with no words are dropped.
 */
export function headingSections(blocks: TextBlock[]): ParsedSection[] {
  const sections: ParsedSection[] = [];
  const stack: { level: number; title: string }[] = [];
  let current: TextBlock[] = [];
  let currentPath: string[] = [];

  const flush = (): void => {
    const text = current
      .map((b) => b.text)
      .join('\n')
      .trim();
    const first = current[0];
    const last = current[current.length - 1];
    if (text !== '' && first && last) {
      sections.push({
        text,
        provenance: { headingPath: currentPath, lineStart: first.lineStart, lineEnd: last.lineEnd },
      });
    }
    current = [];
  };

  for (const block of blocks) {
    if (block.level !== undefined) {
      flush();
      while (stack.length > 0 && stack[stack.length - 1]!.level >= block.level) stack.pop();
      stack.push({ level: block.level, title: block.text.trim() });
      currentPath = stack.map((h) => h.title);
    }
    current.push(block);
  }
  flush();
  return sections;
}
