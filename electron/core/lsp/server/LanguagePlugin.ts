import type { Node } from 'web-tree-sitter';
import type { SymbolKind } from 'vscode-languageserver';

/** How one kind of syntax node defines a symbol. */
export interface DefinitionRule {
  kind: SymbolKind;
  /** The node holding the name; the node's `name` field when absent. */
  name?: (node: Node) => Node | null;
  /** The name shown in outlines when it is not the name node's text (Rust `impl Trait for Type`). */
  label?: (node: Node) => string;
  /** A kind that depends on where the node sits (a Python function inside a class is a method). */
  refine?: (node: Node) => SymbolKind;
  /**
   * Inside a function body this is a plain local (a variable), not a symbol of the outline: only file-level and
   * type-level occurrences are symbols.
   */
  outsideFunctionsOnly?: boolean;
  /** A container only (impl blocks): shown in outlines, never found by name. */
  anonymous?: boolean;
}

/**
 * A language: which syntax nodes define symbols, open scopes, declare locals and refer to names. The generic walker
 * (`extractFacts`) does the rest, so a new language is one folder with one of these.
 */
export interface LanguagePlugin {
  /** The LSP language id. */
  id: string;
  /** File extensions, lower case with the dot, each with the grammar (a WASM in @vscode/tree-sitter-wasm) to use. */
  grammars: Readonly<Record<string, string>>;
  /** The fence name for hover code blocks. */
  fence: string;
  definitions: Readonly<Record<string, DefinitionRule>>;
  /** Node types that open a scope; those in `functionScopes` also make their definitions local. */
  scopes: ReadonlySet<string>;
  functionScopes: ReadonlySet<string>;
  /** Node types whose identifiers are declared in the current scope (parameters, local bindings) by `declares`. */
  declarers: ReadonlySet<string>;
  declares(node: Node): Node[];
  /** Node types that are names (identifiers, type and field identifiers). */
  identifiers: ReadonlySet<string>;
  /** The doc comment of a definition, cleaned of comment markers; null without one. */
  docComment(node: Node): string | null;
}
