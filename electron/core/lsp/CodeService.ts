import type { DocumentSymbol, Location, SymbolInformation } from 'vscode-languageserver';
import type { CodeLocation, CodeSymbol } from '../../shared/codeSchemas';
import type { CodeWorkspace } from './CodeWorkspace';
import type { LspClient } from './LspClient';

/** LSP's SymbolKind numbers (1-based) as words. */
const KINDS = [
  'file', 'module', 'namespace', 'package', 'class', 'method', 'property', 'field', 'constructor', 'enum',
  'interface', 'function', 'variable', 'constant', 'string', 'number', 'boolean', 'array', 'object', 'key', 'null',
  'enum member', 'struct', 'event', 'operator', 'type',
]; // prettier-ignore
const kindName = (kind: number): string => KINDS[kind - 1] ?? 'symbol';

/** Options for the code service. */
export interface CodeServiceOptions {
  client: Pick<LspClient, 'request' | 'start'>;
  workspace: Pick<CodeWorkspace, 'uriOf' | 'documentOf'>;
}

/**
 * Code intelligence over the library in the library's terms: documents and 1-based lines, not URIs and LSP
 * positions. Each method is one or a few requests to the language server, each audited under `actor`.
 */
export class CodeService {
  constructor(private readonly o: CodeServiceOptions) {}

  /** Symbols whose name contains `query` (exact names first). */
  async findSymbol(query: string, actor: string, limit = 20): Promise<CodeSymbol[]> {
    const found = await this.o.client.request<SymbolInformation[] | null>('workspace/symbol', { query }, actor);
    const out: CodeSymbol[] = [];
    for (const s of found ?? []) {
      const doc = this.o.workspace.documentOf(s.location.uri);
      if (!doc) continue;
      const { start, end } = s.location.range;
      out.push({
        name: s.name,
        kind: kindName(s.kind),
        documentId: doc.id,
        documentName: doc.name,
        line: start.line + 1,
        endLine: end.line + 1,
        character: start.character,
        container: s.containerName ?? null,
        signature: '',
        depth: 0,
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** A document's outline in order, nested by depth; empty for a document outside the code index. */
  async listSymbols(documentId: string, actor: string): Promise<CodeSymbol[]> {
    // The first use starts the server and sends the workspace: only then are documents known by URI.
    await this.o.client.start();
    const uri = this.o.workspace.uriOf(documentId);
    const doc = uri ? this.o.workspace.documentOf(uri) : undefined;
    if (!uri || !doc) return [];
    const tree = await this.o.client.request<DocumentSymbol[] | null>(
      'textDocument/documentSymbol',
      { textDocument: { uri } },
      actor,
    );
    const out: CodeSymbol[] = [];
    const visit = (symbols: DocumentSymbol[], depth: number, container: string | null): void => {
      for (const s of symbols) {
        out.push({
          name: s.name,
          kind: kindName(s.kind),
          documentId: doc.id,
          documentName: doc.name,
          line: s.selectionRange.start.line + 1,
          endLine: s.range.end.line + 1,
          character: s.selectionRange.start.character,
          container,
          signature: s.detail ?? '',
          depth,
        });
        visit(s.children ?? [], depth + 1, s.name);
      }
    };
    visit(tree ?? [], 0, null);
    return out;
  }

  /** Where the name at a place is defined (scope-aware within its file, then across the workspace). */
  async definitionAt(documentId: string, line: number, character: number, actor: string): Promise<CodeLocation[]> {
    await this.o.client.start();
    const uri = this.o.workspace.uriOf(documentId);
    if (!uri) return [];
    const found = await this.o.client.request<Location[] | Location | null>(
      'textDocument/definition',
      { textDocument: { uri }, position: { line: line - 1, character } },
      actor,
    );
    return this.#locations(found === null ? [] : Array.isArray(found) ? found : [found]);
  }

  /** The definitions of a symbol by name, with their whole extent and signature from their file's outline. */
  async definitionsOf(name: string, actor: string): Promise<CodeSymbol[]> {
    const exact = (await this.findSymbol(name, actor, 200)).filter((s) => s.name === name).slice(0, 10);
    const outlines = new Map<string, CodeSymbol[]>();
    const out: CodeSymbol[] = [];
    for (const symbol of exact) {
      let outline = outlines.get(symbol.documentId);
      if (!outline) {
        outline = await this.listSymbols(symbol.documentId, actor);
        outlines.set(symbol.documentId, outline);
      }
      out.push(outline.find((o) => o.line === symbol.line && o.character === symbol.character) ?? symbol);
    }
    return out;
  }

  /** Where a symbol (by name) is used, its definitions left out. */
  async referencesOf(name: string, actor: string): Promise<CodeLocation[]> {
    const [definition] = await this.definitionsOf(name, actor);
    const uri = definition && this.o.workspace.uriOf(definition.documentId);
    if (!definition || !uri) return [];
    const found = await this.o.client.request<Location[] | null>(
      'textDocument/references',
      {
        textDocument: { uri },
        position: { line: definition.line - 1, character: definition.character },
        context: { includeDeclaration: false },
      },
      actor,
    );
    return this.#locations(found ?? []);
  }

  #locations(found: Location[]): CodeLocation[] {
    return found.flatMap((l) => {
      const doc = this.o.workspace.documentOf(l.uri);
      return doc
        ? [
            {
              documentId: doc.id,
              documentName: doc.name,
              line: l.range.start.line + 1,
              character: l.range.start.character,
            },
          ]
        : [];
    });
  }
}
