import { splitCitations } from '@shared/citations';

/** The few mdast fields this plugin touches (the tree is remark's; its types are not a dependency here). */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, string> };
}

/** Code keeps its brackets; a link cannot hold a button. */
const SKIP = new Set(['code', 'inlineCode', 'link', 'linkReference', 'html']);

function citationNode(n: number): MdNode {
  return {
    type: 'citation',
    data: { hName: 'span', hProperties: { dataCite: String(n) } },
    children: [{ type: 'text', value: `[${String(n)}]` }],
  };
}

function walk(node: MdNode): void {
  if (!node.children || SKIP.has(node.type)) return;
  node.children = node.children.flatMap((child): MdNode[] => {
    if (child.type !== 'text' || !child.value?.includes('[')) {
      walk(child);
      return [child];
    }
    return splitCitations(child.value).map((part) =>
      part.type === 'text' ? { type: 'text', value: part.value } : citationNode(part.n),
    );
  });
}

/** A remark plugin: every `[n]` in the answer's text becomes `<span data-cite="n">`, drawn as a citation chip. */
export function remarkCitations() {
  return (tree: MdNode) => {
    walk(tree);
  };
}
