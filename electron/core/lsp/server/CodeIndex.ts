import {
  MarkupKind,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type SymbolInformation,
} from 'vscode-languageserver';
import {
  extractFacts,
  occurrenceRange,
  type Declaration,
  type FileFacts,
  type Occurrence,
  type SymbolFact,
} from './extractFacts';
import type { Grammars } from './Grammars';

/** Files above this size are left out: generated or minified code, not code to navigate. */
const MAX_FILE_CHARS = 2_000_000;
const MAX_LOCATIONS = 500;

interface Target {
  uri: string;
  decl: Declaration;
}

interface GlobalEntry {
  facts: FileFacts;
  symbol: SymbolFact;
}

/**
 * The workspace as the server knows it: the facts of every file and the workspace-wide table of global names. Names
 * resolve through the scopes of their file first (parameters, locals, the file's own definitions), then to every
 * global definition of that name in the workspace.
 */
export class CodeIndex {
  readonly #files = new Map<string, FileFacts>();
  readonly #globals = new Map<string, GlobalEntry[]>();
  #symbolCount = 0;

  constructor(private readonly grammars: Grammars) {}

  get fileCount(): number {
    return this.#files.size;
  }

  get symbolCount(): number {
    return this.#symbolCount;
  }

  has(uri: string): boolean {
    return this.#files.has(uri);
  }

  /** Indexes (or re-indexes) a file; false when no plugin knows its language or it is too large. */
  set(uri: string, text: string): boolean {
    if (text.length > MAX_FILE_CHARS) return false;
    const plugin = this.grammars.pluginFor(uri);
    const tree = plugin ? this.grammars.parse(uri, text) : null;
    if (!plugin || !tree) return false;
    let facts: FileFacts;
    try {
      facts = extractFacts(plugin, tree, text, uri);
    } finally {
      tree.delete();
    }
    this.remove(uri);
    this.#files.set(uri, facts);
    this.#symbolCount += facts.all.length;
    for (const symbol of facts.all) {
      if (!symbol.global) continue;
      const list = this.#globals.get(symbol.name);
      if (list) list.push({ facts, symbol });
      else this.#globals.set(symbol.name, [{ facts, symbol }]);
    }
    return true;
  }

  remove(uri: string): void {
    const old = this.#files.get(uri);
    if (!old) return;
    this.#files.delete(uri);
    this.#symbolCount -= old.all.length;
    for (const symbol of old.all) {
      const list = this.#globals.get(symbol.name);
      if (!list) continue;
      const kept = list.filter((entry) => entry.facts !== old);
      if (kept.length > 0) this.#globals.set(symbol.name, kept);
      else this.#globals.delete(symbol.name);
    }
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    const toLsp = (s: SymbolFact): DocumentSymbol => ({
      name: s.name,
      detail: s.signature,
      kind: s.kind,
      range: s.range,
      selectionRange: s.selectionRange,
      children: s.children.map(toLsp),
    });
    return (this.#files.get(uri)?.symbols ?? []).map(toLsp);
  }

  /** Global symbols whose name contains the query (case-insensitive): exact names first, then prefixes. */
  workspaceSymbols(query: string, limit = 200): SymbolInformation[] {
    const q = query.toLowerCase();
    const ranked: { rank: number; entry: GlobalEntry }[] = [];
    for (const [name, entries] of this.#globals) {
      const lower = name.toLowerCase();
      const at = q ? lower.indexOf(q) : 0;
      if (at < 0) continue;
      const rank = lower === q ? 0 : at === 0 ? 1 : 2;
      for (const entry of entries) ranked.push({ rank, entry });
    }
    ranked.sort((a, b) => a.rank - b.rank || a.entry.symbol.name.localeCompare(b.entry.symbol.name));
    return ranked.slice(0, limit).map(({ entry: { facts, symbol } }) => ({
      name: symbol.name,
      kind: symbol.kind,
      location: { uri: facts.uri, range: symbol.selectionRange },
      ...(symbol.container ? { containerName: symbol.container } : {}),
    }));
  }

  definition(uri: string, position: Position): Location[] {
    return this.#targetsAt(uri, position).map((t) => ({ uri: t.uri, range: t.decl.selectionRange }));
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Location[] {
    const facts = this.#files.get(uri);
    const occurrence = facts && occurrenceAt(facts, position);
    if (!facts || !occurrence) return [];
    const targets = this.#resolve(facts, occurrence);
    const keys = new Set(targets.map(keyOf));
    if (keys.size === 0) return [];
    const global = targets.some((t) => t.decl.symbol?.global);
    const files = global ? [...this.#files.values()].filter((f) => f.plugin === facts.plugin) : [facts];
    const out: Location[] = [];
    for (const file of files) {
      for (const use of file.byName.get(occurrence.name) ?? []) {
        const resolved = this.#resolve(file, use);
        if (!resolved.some((t) => keys.has(keyOf(t)))) continue;
        const isDeclaration = targets.some((t) => t.uri === file.uri && startsAt(t.decl.selectionRange, use));
        if (isDeclaration && !includeDeclaration) continue;
        out.push({ uri: file.uri, range: occurrenceRange(use) });
        if (out.length >= MAX_LOCATIONS) return out;
      }
    }
    return out;
  }

  hover(uri: string, position: Position): Hover | null {
    const facts = this.#files.get(uri);
    const occurrence = facts && occurrenceAt(facts, position);
    const target = facts && occurrence ? this.#resolve(facts, occurrence)[0] : undefined;
    if (!facts || !occurrence || !target) return null;
    const fence = this.#files.get(target.uri)?.plugin.fence ?? facts.plugin.fence;
    const symbol = target.decl.symbol;
    const head = symbol ? symbol.signature : target.decl.detail;
    const value = [`\`\`\`${fence}`, head, '```', ...(symbol?.doc ? ['', symbol.doc] : [])].join('\n');
    return { contents: { kind: MarkupKind.Markdown, value }, range: occurrenceRange(occurrence) };
  }

  diagnostics(uri: string): Diagnostic[] {
    return this.#files.get(uri)?.diagnostics ?? [];
  }

  #targetsAt(uri: string, position: Position): Target[] {
    const facts = this.#files.get(uri);
    const occurrence = facts && occurrenceAt(facts, position);
    return facts && occurrence ? this.#resolve(facts, occurrence) : [];
  }

  #resolve(facts: FileFacts, occurrence: Occurrence): Target[] {
    for (let scope = occurrence.scope; scope >= 0; scope = facts.scopes[scope]!.parent) {
      const decl = facts.scopes[scope]!.names.get(occurrence.name);
      if (decl) return [{ uri: facts.uri, decl }];
    }
    // Names cross files, never languages: a Python `load_config` is not the Rust one.
    const targets: Target[] = [];
    for (const { facts: f, symbol } of this.#globals.get(occurrence.name) ?? []) {
      if (f.plugin !== facts.plugin) continue;
      targets.push({
        uri: f.uri,
        decl: { name: symbol.name, selectionRange: symbol.selectionRange, symbol, detail: '' },
      });
      if (targets.length >= MAX_LOCATIONS) break;
    }
    return targets;
  }
}

/** The name under the cursor (binary search: occurrences are in document order). */
function occurrenceAt(facts: FileFacts, position: Position): Occurrence | undefined {
  const list = facts.occurrences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = list[mid]!;
    if (position.line < o.line || (position.line === o.line && position.character < o.character)) hi = mid - 1;
    else if (o.endLine < position.line || (o.endLine === position.line && o.endCharacter < position.character)) {
      lo = mid + 1;
    } else return o;
  }
  return undefined;
}

const startsAt = (range: Location['range'], o: Occurrence): boolean =>
  range.start.line === o.line && range.start.character === o.character;
const keyOf = (t: Target): string =>
  `${t.uri}#${t.decl.selectionRange.start.line}:${t.decl.selectionRange.start.character}`;
