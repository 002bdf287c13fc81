import { SymbolKind } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { LanguagePlugin } from '../../LanguagePlugin';
import { climb, identifiersOf, precedingComments } from '../../pluginHelpers';

const inClass = (node: Node): boolean =>
  node.parent?.type === 'block' && node.parent.parent?.type === 'class_definition';

/** A parameter's name: `x`, `x=1`, `x: int`, `x: int = 1`, `*args`, `**kwargs`. */
function parameterNames(list: Node): Node[] {
  return list.namedChildren.flatMap((c) => {
    if (!c) return [];
    if (c.type === 'identifier') return [c];
    const named = c.childForFieldName('name');
    if (named) return identifiersOf([named]);
    return identifiersOf([c.namedChild(0)]);
  });
}

/** The docstring: a string as the body's first statement. */
function docstring(node: Node): string | null {
  const first = node.childForFieldName('body')?.namedChild(0);
  const string = first?.type === 'expression_statement' ? first.namedChild(0) : null;
  if (string?.type !== 'string') return null;
  const text = string.text.replace(/^[rRbBuUfF]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
  const lines = text.split('\n');
  const indent = Math.min(
    ...lines
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.length - l.trimStart().length),
  );
  return lines
    .map((l, i) => (i > 0 && Number.isFinite(indent) ? l.slice(indent) : l))
    .join('\n')
    .trim();
}

export const pythonPlugin: LanguagePlugin = {
  id: 'python',
  fence: 'python',
  grammars: { '.py': 'python', '.pyi': 'python' },
  definitions: {
    function_definition: {
      kind: SymbolKind.Function,
      refine: (n) =>
        inClass(n) || (n.parent?.type === 'decorated_definition' && inClass(n.parent))
          ? SymbolKind.Method
          : SymbolKind.Function,
    },
    class_definition: { kind: SymbolKind.Class },
    assignment: {
      kind: SymbolKind.Variable,
      outsideFunctionsOnly: true,
      name: (n) => identifiersOf([n.childForFieldName('left')])[0] ?? null,
      refine: (n) => {
        const statement = n.parent;
        if (statement && inClass(statement)) return SymbolKind.Field;
        const name = n.childForFieldName('left')?.text ?? '';
        return /^[A-Z][A-Z0-9_]*$/.test(name) ? SymbolKind.Constant : SymbolKind.Variable;
      },
    },
  },
  scopes: new Set(['function_definition', 'class_definition', 'lambda']),
  functionScopes: new Set(['function_definition', 'lambda']),
  declarers: new Set(['parameters', 'lambda_parameters', 'for_statement', 'with_item', 'except_clause']),
  declares(node) {
    switch (node.type) {
      case 'parameters':
      case 'lambda_parameters':
        return parameterNames(node);
      case 'for_statement':
        return identifiersOf([node.childForFieldName('left')]);
      case 'with_item': {
        const value = node.childForFieldName('value');
        return value?.type === 'as_pattern'
          ? identifiersOf([value.childForFieldName('alias')?.namedChild(0) ?? null])
          : [];
      }
      default:
        return identifiersOf(
          node.namedChildren
            .filter((c) => c?.type === 'as_pattern')
            .map((c) => c!.childForFieldName('alias')?.namedChild(0) ?? null),
        );
    }
  },
  identifiers: new Set(['identifier']),
  docComment: (node) =>
    node.type === 'assignment'
      ? precedingComments(climb(node, new Set(['expression_statement'])), new Set(['comment']), (t) =>
          t.replace(/^#+ ?/, ''),
        )
      : (docstring(node) ??
        precedingComments(climb(node, new Set(['decorated_definition'])), new Set(['comment']), (t) =>
          t.replace(/^#+ ?/, ''),
        )),
};
