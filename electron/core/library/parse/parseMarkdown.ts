import { splitLines } from '../../../shared/splitLines';
import { headingSections, type TextBlock } from './headingSections';
import type { ParsedDocument } from './ParsedDocument';

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/** Markdown: one section per heading with its heading path and source line range; headings in code fences ignored. */
export function parseMarkdown(text: string): ParsedDocument {
  const lines = splitLines(text);
  const blocks: TextBlock[] = [];
  let fence: string | null = null;
  let title: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      blocks.push({ text: line, lineStart: lineNo, lineEnd: lineNo });
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      blocks.push({ text: line, lineStart: lineNo, lineEnd: lineNo });
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const level = atx[1]!.length;
      const heading = (atx[2] ?? '').trim();
      if (level === 1 && title === undefined && heading !== '') title = heading;
      blocks.push({ text: heading, lineStart: lineNo, lineEnd: lineNo, level });
      continue;
    }
    // Setext: a single paragraph line underlined with === or ---.
    const next = lines[i + 1];
    const prev = blocks[blocks.length - 1];
    const isParagraphStart = prev === undefined || prev.text.trim() === '' || prev.level !== undefined;
    if (next !== undefined && line.trim() !== '' && isParagraphStart && SETEXT.exec(next)) {
      const level = next.trim().startsWith('=') ? 1 : 2;
      if (level === 1 && title === undefined) title = line.trim();
      blocks.push({ text: line.trim(), lineStart: lineNo, lineEnd: lineNo + 1, level });
      i++;
      continue;
    }
    blocks.push({ text: line, lineStart: lineNo, lineEnd: lineNo });
  }
  const doc: ParsedDocument = { type: 'markdown', sections: headingSections(blocks) };
  if (title !== undefined) doc.title = title;
  return doc;
}
