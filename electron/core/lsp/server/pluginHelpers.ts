import type { Node } from 'web-tree-sitter';

/**
 * The comment lines right above `anchor` (no blank line between), joined, with `clean` stripping each comment's
 * markers. Siblings of a type in `skip` (attributes, decorators) may sit between the comment and the anchor.
 */
export function precedingComments(
  anchor: Node,
  commentTypes: ReadonlySet<string>,
  clean: (text: string) => string,
  skip: ReadonlySet<string> = new Set(),
): string | null {
  const parts: string[] = [];
  let line = anchor.startPosition.row;
  for (let sibling = anchor.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (skip.has(sibling.type)) {
      line = sibling.startPosition.row;
      continue;
    }
    if (!commentTypes.has(sibling.type) || sibling.endPosition.row < line - 1) break;
    parts.unshift(clean(sibling.text));
    line = sibling.startPosition.row;
  }
  const text = parts.join('\n').trim();
  return text.length > 0 ? text : null;
}

/** `/** … *\/`, `/* … *\/`, `// …`, `/// …` and `//! …` comments as plain text. */
export function cleanSlashComment(text: string): string {
  if (text.startsWith('/*')) {
    return text
      .replace(/^\/\*+/, '')
      .replace(/\*+\/$/, '')
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, '').trimEnd())
      .join('\n')
      .trim();
  }
  return text.replace(/^\/\/[/!]? ?/, '').trimEnd();
}

/** The identifiers among `nodes` (those of `type`), for `declares`. */
export function identifiersOf(nodes: (Node | null)[], type = 'identifier'): Node[] {
  return nodes.filter((n): n is Node => n !== null && n.type === type);
}

/** Walks up through the wrapper nodes in `through` (export statements, declarations) to the node comments precede. */
export function climb(node: Node, through: ReadonlySet<string>): Node {
  let anchor = node;
  while (anchor.parent && through.has(anchor.parent.type)) anchor = anchor.parent;
  return anchor;
}
