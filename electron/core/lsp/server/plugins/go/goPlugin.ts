import { SymbolKind } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { LanguagePlugin } from '../../LanguagePlugin';
import { cleanSlashComment, climb, identifiersOf, precedingComments } from '../../pluginHelpers';

const COMMENTS = new Set(['comment']);
const WRAPPERS = new Set(['type_declaration', 'const_declaration', 'var_declaration']);

/** Every `name` field of a node (`a, b int` declares two). */
const names = (node: Node): Node[] => identifiersOf(node.childrenForFieldName('name'));

export const goPlugin: LanguagePlugin = {
  id: 'go',
  fence: 'go',
  grammars: { '.go': 'go' },
  definitions: {
    function_declaration: { kind: SymbolKind.Function },
    method_declaration: { kind: SymbolKind.Method },
    type_spec: {
      kind: SymbolKind.Class,
      refine: (n) => {
        const type = n.childForFieldName('type')?.type;
        return type === 'struct_type'
          ? SymbolKind.Struct
          : type === 'interface_type'
            ? SymbolKind.Interface
            : SymbolKind.TypeParameter;
      },
    },
    type_alias: { kind: SymbolKind.TypeParameter },
    field_declaration: { kind: SymbolKind.Field },
    method_elem: { kind: SymbolKind.Method },
    method_spec: { kind: SymbolKind.Method },
    const_spec: { kind: SymbolKind.Constant, outsideFunctionsOnly: true },
    var_spec: { kind: SymbolKind.Variable, outsideFunctionsOnly: true },
  },
  scopes: new Set([
    'function_declaration',
    'method_declaration',
    'func_literal',
    'block',
    'field_declaration_list',
    'interface_type',
    'for_statement',
    'if_statement',
  ]),
  functionScopes: new Set(['function_declaration', 'method_declaration', 'func_literal']),
  declarers: new Set([
    'parameter_declaration',
    'variadic_parameter_declaration',
    'short_var_declaration',
    'range_clause',
  ]),
  declares(node) {
    switch (node.type) {
      case 'parameter_declaration':
      case 'variadic_parameter_declaration':
        return names(node);
      case 'short_var_declaration':
      case 'range_clause':
        return identifiersOf(node.childForFieldName('left')?.namedChildren ?? []);
      default:
        return [];
    }
  },
  identifiers: new Set(['identifier', 'type_identifier', 'field_identifier']),
  docComment: (node) => precedingComments(climb(node, WRAPPERS), COMMENTS, cleanSlashComment),
};
