import { SymbolKind } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { LanguagePlugin } from '../../LanguagePlugin';
import { cleanSlashComment, identifiersOf, precedingComments } from '../../pluginHelpers';

const COMMENTS = new Set(['line_comment', 'block_comment']);
const ATTRIBUTES = new Set(['attribute_item']);

const inImplOrTrait = (node: Node): boolean =>
  node.parent?.type === 'declaration_list' && ['impl_item', 'trait_item'].includes(node.parent.parent?.type ?? '');

/** Identifiers a pattern binds: `x`, `mut x`, `(a, b)`. */
function patternNames(pattern: Node | null): Node[] {
  if (!pattern) return [];
  if (pattern.type === 'identifier') return [pattern];
  if (['mut_pattern', 'tuple_pattern', 'ref_pattern', 'reference_pattern'].includes(pattern.type)) {
    return pattern.namedChildren.flatMap((c) => patternNames(c));
  }
  return [];
}

export const rustPlugin: LanguagePlugin = {
  id: 'rust',
  fence: 'rust',
  grammars: { '.rs': 'rust' },
  definitions: {
    function_item: {
      kind: SymbolKind.Function,
      refine: (n) => (inImplOrTrait(n) ? SymbolKind.Method : SymbolKind.Function),
    },
    function_signature_item: { kind: SymbolKind.Method },
    struct_item: { kind: SymbolKind.Struct },
    union_item: { kind: SymbolKind.Struct },
    enum_item: { kind: SymbolKind.Enum },
    enum_variant: { kind: SymbolKind.EnumMember },
    trait_item: { kind: SymbolKind.Interface },
    type_item: { kind: SymbolKind.TypeParameter },
    const_item: { kind: SymbolKind.Constant },
    static_item: { kind: SymbolKind.Variable },
    mod_item: { kind: SymbolKind.Module },
    macro_definition: { kind: SymbolKind.Function },
    field_declaration: { kind: SymbolKind.Field },
    impl_item: {
      kind: SymbolKind.Namespace,
      anonymous: true,
      name: (n) => n.childForFieldName('type'),
      label: (n) => {
        const trait = n.childForFieldName('trait');
        return `impl ${trait ? `${trait.text} for ` : ''}${n.childForFieldName('type')?.text ?? ''}`;
      },
    },
  },
  scopes: new Set([
    'function_item',
    'closure_expression',
    'block',
    'impl_item',
    'trait_item',
    'field_declaration_list',
    'enum_variant_list',
    'for_expression',
    'match_arm',
  ]),
  functionScopes: new Set(['function_item', 'closure_expression']),
  declarers: new Set(['parameter', 'let_declaration', 'closure_parameters', 'for_expression']),
  declares(node) {
    switch (node.type) {
      case 'parameter':
      case 'let_declaration':
        return patternNames(node.childForFieldName('pattern'));
      case 'for_expression':
        return patternNames(node.childForFieldName('pattern'));
      case 'closure_parameters':
        return node.namedChildren.flatMap((c) => (c?.type === 'parameter' ? [] : patternNames(c)));
      default:
        return identifiersOf([]);
    }
  },
  identifiers: new Set(['identifier', 'type_identifier', 'field_identifier']),
  docComment: (node) => precedingComments(node, COMMENTS, (t) => cleanSlashComment(t.trimEnd()), ATTRIBUTES),
};
