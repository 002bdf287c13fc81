import { SymbolKind } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { LanguagePlugin } from '../../LanguagePlugin';
import { cleanSlashComment, climb, identifiersOf, precedingComments } from '../../pluginHelpers';

const FUNCTIONS = ['function_declaration', 'generator_function_declaration', 'function_expression', 'arrow_function'];
const COMMENTS = new Set(['comment']);
const WRAPPERS = new Set(['export_statement', 'lexical_declaration', 'variable_declaration', 'ambient_declaration']);

/** A parameter's own name (`x`, `x = 1`, `x?: T`), not a destructuring pattern. */
function parameterName(node: Node): Node[] {
  const pattern = node.childForFieldName('pattern') ?? node.childForFieldName('left') ?? node;
  return identifiersOf([pattern]);
}

/** TypeScript and JavaScript: one plugin, three grammars (TSX keeps its own). */
export const typescriptPlugin: LanguagePlugin = {
  id: 'typescript',
  fence: 'typescript',
  grammars: {
    '.ts': 'typescript',
    '.mts': 'typescript',
    '.cts': 'typescript',
    '.tsx': 'tsx',
    '.js': 'javascript',
    '.mjs': 'javascript',
    '.cjs': 'javascript',
    '.jsx': 'javascript',
  },
  definitions: {
    function_declaration: { kind: SymbolKind.Function },
    generator_function_declaration: { kind: SymbolKind.Function },
    function_signature: { kind: SymbolKind.Function },
    class_declaration: { kind: SymbolKind.Class },
    abstract_class_declaration: { kind: SymbolKind.Class },
    method_definition: {
      kind: SymbolKind.Method,
      refine: (n) => (n.childForFieldName('name')?.text === 'constructor' ? SymbolKind.Constructor : SymbolKind.Method),
    },
    method_signature: { kind: SymbolKind.Method },
    abstract_method_signature: { kind: SymbolKind.Method },
    interface_declaration: { kind: SymbolKind.Interface },
    type_alias_declaration: { kind: SymbolKind.TypeParameter },
    enum_declaration: { kind: SymbolKind.Enum },
    public_field_definition: { kind: SymbolKind.Property },
    field_definition: { kind: SymbolKind.Property, name: (n) => n.childForFieldName('property') },
    property_signature: { kind: SymbolKind.Property },
    internal_module: { kind: SymbolKind.Namespace },
    variable_declarator: {
      kind: SymbolKind.Variable,
      outsideFunctionsOnly: true,
      name: (n) => identifiersOf([n.childForFieldName('name')])[0] ?? null,
      refine: (n) => {
        const value = n.childForFieldName('value')?.type ?? '';
        if (FUNCTIONS.includes(value)) return SymbolKind.Function;
        return n.parent?.firstChild?.text === 'const' ? SymbolKind.Constant : SymbolKind.Variable;
      },
    },
  },
  scopes: new Set([
    ...FUNCTIONS,
    'method_definition',
    'statement_block',
    'class_body',
    'interface_body',
    'object_type',
    'enum_body',
    'for_statement',
    'for_in_statement',
    'catch_clause',
  ]),
  functionScopes: new Set([...FUNCTIONS, 'method_definition']),
  declarers: new Set([
    'required_parameter',
    'optional_parameter',
    'formal_parameters',
    'catch_clause',
    'for_in_statement',
    'arrow_function',
  ]),
  declares(node) {
    switch (node.type) {
      case 'required_parameter':
      case 'optional_parameter':
        return parameterName(node);
      case 'formal_parameters':
        // JavaScript's parameters are bare identifiers or `x = default` right under the list.
        return node.namedChildren.flatMap((c) =>
          c && ['identifier', 'assignment_pattern'].includes(c.type) ? parameterName(c) : [],
        );
      case 'catch_clause':
        return identifiersOf([node.childForFieldName('parameter')]);
      case 'for_in_statement':
        return identifiersOf([node.childForFieldName('left')]);
      case 'arrow_function':
        return identifiersOf([node.childForFieldName('parameter')]);
      default:
        return [];
    }
  },
  identifiers: new Set([
    'identifier',
    'type_identifier',
    'property_identifier',
    'shorthand_property_identifier',
    'shorthand_property_identifier_pattern',
  ]),
  docComment: (node) => precedingComments(climb(node, WRAPPERS), COMMENTS, cleanSlashComment, new Set(['decorator'])),
};
