import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { DiagnosticSeverity, type Diagnostic, type Range, type SymbolKind } from 'vscode-languageserver';
import type { LanguagePlugin } from './LanguagePlugin';

/** A definition: what outlines, workspace symbols and hovers show. */
export interface SymbolFact {
  name: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  container: string | null;
  /** The declaration's head (up to its body), one line. */
  signature: string;
  doc: string | null;
  children: SymbolFact[];
  /** Reachable by name from other files: defined outside any function, and named. */
  global: boolean;
}

/** A name bound in a scope: a symbol, or a local (parameter, variable inside a function). */
export interface Declaration {
  name: string;
  selectionRange: Range;
  symbol: SymbolFact | null;
  /** For locals: the declaring line. */
  detail: string;
}

export interface ScopeFact {
  parent: number;
  names: Map<string, Declaration>;
}

/**
 * One use (or the declaration) of a name, and the scope it sits in. Flat numbers rather than a Range: a workspace
 * holds hundreds of thousands of these, so each is one small object (`occurrenceRange` makes the Range).
 */
export interface Occurrence {
  name: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  scope: number;
}

export function occurrenceRange(o: Occurrence): Range {
  return { start: { line: o.line, character: o.character }, end: { line: o.endLine, character: o.endCharacter } };
}

/** What the index keeps of one file: no tree and no text, so memory stays proportional to the names in it. */
export interface FileFacts {
  uri: string;
  plugin: LanguagePlugin;
  /** The outline, nested. */
  symbols: SymbolFact[];
  /** Every symbol, flat. */
  all: SymbolFact[];
  scopes: ScopeFact[];
  /** Sorted by position. */
  occurrences: Occurrence[];
  byName: Map<string, Occurrence[]>;
  diagnostics: Diagnostic[];
}

const MAX_DIAGNOSTICS = 50;
const MAX_SIGNATURE = 300;

interface Frame {
  scope: number;
  symbol: SymbolFact | null;
  inFunction: boolean;
}

/** One pass over a parsed file: symbols, scopes with their bindings, every name's occurrence, syntax errors. */
export function extractFacts(plugin: LanguagePlugin, tree: Tree, text: string, uri: string): FileFacts {
  const facts: FileFacts = {
    uri,
    plugin,
    symbols: [],
    all: [],
    scopes: [{ parent: -1, names: new Map() }],
    occurrences: [],
    byName: new Map(),
    diagnostics: [],
  };
  const cursor = tree.walk();
  try {
    walk(cursor, plugin, text, facts);
  } finally {
    cursor.delete();
  }
  if (tree.rootNode.hasError) collectErrors(tree.rootNode, facts.diagnostics);
  for (const occurrence of facts.occurrences) {
    const list = facts.byName.get(occurrence.name);
    if (list) list.push(occurrence);
    else facts.byName.set(occurrence.name, [occurrence]);
  }
  return facts;
}

function walk(cursor: TreeCursor, plugin: LanguagePlugin, text: string, facts: FileFacts): void {
  let current: Frame = { scope: 0, symbol: null, inFunction: false };
  const frames: Frame[] = [];
  const enter = (): void => {
    frames.push(current);
    if (!cursor.nodeIsNamed) return;
    const type = cursor.nodeType;
    let next = current;
    const rule = plugin.definitions[type];
    if (rule) {
      const node = cursor.currentNode;
      const nameNode = rule.name ? rule.name(node) : node.childForFieldName('name');
      if (nameNode) {
        if (rule.outsideFunctionsOnly && current.inFunction) {
          declare(facts, current.scope, nameNode, null, lineOf(text, node.startIndex));
        } else {
          const symbol: SymbolFact = {
            name: rule.label ? rule.label(node) : nameNode.text,
            kind: rule.refine ? rule.refine(node) : rule.kind,
            range: rangeOf(node),
            selectionRange: rangeOf(nameNode),
            container: current.symbol?.name ?? null,
            signature: signatureOf(node, text),
            doc: plugin.docComment(node),
            children: [],
            global: !current.inFunction && !rule.anonymous,
          };
          (current.symbol ? current.symbol.children : facts.symbols).push(symbol);
          facts.all.push(symbol);
          if (!rule.anonymous) declare(facts, current.scope, nameNode, symbol, '');
          next = { ...next, symbol };
        }
      }
    }
    if (plugin.declarers.has(type)) {
      const node = cursor.currentNode;
      const detail = lineOf(text, node.startIndex);
      for (const name of plugin.declares(node)) declare(facts, current.scope, name, null, detail);
    }
    if (plugin.identifiers.has(type)) {
      const sp = cursor.startPosition;
      const ep = cursor.endPosition;
      facts.occurrences.push({
        name: text.slice(cursor.startIndex, cursor.endIndex),
        line: sp.row,
        character: sp.column,
        endLine: ep.row,
        endCharacter: ep.column,
        scope: current.scope,
      });
    }
    if (plugin.scopes.has(type)) {
      facts.scopes.push({ parent: current.scope, names: new Map() });
      next = {
        ...next,
        scope: facts.scopes.length - 1,
        inFunction: current.inFunction || plugin.functionScopes.has(type),
      };
    }
    current = next;
  };
  const leave = (): void => {
    current = frames.pop()!;
  };
  enter();
  for (;;) {
    if (cursor.gotoFirstChild()) {
      enter();
      continue;
    }
    for (;;) {
      leave();
      if (cursor.gotoNextSibling()) {
        enter();
        break;
      }
      if (!cursor.gotoParent()) return;
    }
  }
}

function declare(facts: FileFacts, scope: number, name: Node, symbol: SymbolFact | null, detail: string): void {
  const names = facts.scopes[scope]!.names;
  // The first binding wins: overloads and re-assignments point at the first one.
  if (!names.has(name.text)) names.set(name.text, { name: name.text, selectionRange: rangeOf(name), symbol, detail });
}

function collectErrors(root: Node, out: Diagnostic[]): void {
  const pending: Node[] = [root];
  while (pending.length > 0 && out.length < MAX_DIAGNOSTICS) {
    const node = pending.pop()!;
    if (node.isMissing) {
      out.push(diagnostic(node, `Syntax error: missing ${JSON.stringify(node.type)}.`));
    } else if (node.isError) {
      const snippet = node.text.split('\n')[0]!.slice(0, 40);
      out.push(diagnostic(node, `Syntax error: unexpected ${JSON.stringify(snippet)}.`));
    } else if (node.hasError) {
      for (let i = node.childCount - 1; i >= 0; i--) {
        const child = node.child(i);
        if (child && (child.hasError || child.isMissing)) pending.push(child);
      }
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function diagnostic(node: Node, message: string): Diagnostic {
  return { range: rangeOf(node), severity: DiagnosticSeverity.Error, source: 'hearth', message };
}

export function rangeOf(node: Node): Range {
  const s = node.startPosition;
  const e = node.endPosition;
  return { start: { line: s.row, character: s.column }, end: { line: e.row, character: e.column } };
}

/** The head of a definition: from its start to its body (or the end of its first line), on one line. */
function signatureOf(node: Node, text: string): string {
  const body = node.childForFieldName('body');
  const lineEnd = text.indexOf('\n', node.startIndex);
  const end = body ? body.startIndex : Math.min(node.endIndex, lineEnd < 0 ? text.length : lineEnd);
  return text
    .slice(node.startIndex, Math.min(end, node.startIndex + MAX_SIGNATURE * 2))
    .replace(/\s+/g, ' ')
    .replace(/\s*[{:]\s*$/, '')
    .trim()
    .slice(0, MAX_SIGNATURE);
}

function lineOf(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text
    .slice(start, end < 0 ? text.length : end)
    .trim()
    .slice(0, 200);
}
