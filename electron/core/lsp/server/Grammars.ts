import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { LanguagePlugin } from './LanguagePlugin';

type ExtensionTable = Map<string, { plugin: LanguagePlugin; grammar: string }>;

/**
 * The tree-sitter runtime and one parser per grammar, loaded once. The grammars are the prebuilt WASM files of
 * `@vscode/tree-sitter-wasm` (built with tree-sitter 0.25, the ABI web-tree-sitter 0.25 reads).
 */
export class Grammars {
  readonly #parsers: Map<string, Parser>;
  readonly #byExtension: ExtensionTable;

  private constructor(parsers: Map<string, Parser>, byExtension: ExtensionTable) {
    this.#parsers = parsers;
    this.#byExtension = byExtension;
  }

  static async load(plugins: readonly LanguagePlugin[]): Promise<Grammars> {
    await Parser.init();
    const wasmDir = join(dirname(fileURLToPath(import.meta.resolve('@vscode/tree-sitter-wasm/package.json'))), 'wasm');
    const byExtension: ExtensionTable = new Map();
    const parsers = new Map<string, Parser>();
    for (const plugin of plugins) {
      for (const [extension, grammar] of Object.entries(plugin.grammars)) {
        byExtension.set(extension, { plugin, grammar });
        if (parsers.has(grammar)) continue;
        const parser = new Parser();
        parser.setLanguage(await Language.load(join(wasmDir, `tree-sitter-${grammar}.wasm`)));
        parsers.set(grammar, parser);
      }
    }
    return new Grammars(parsers, byExtension);
  }

  /** The plugin for a file name or URI, by extension; undefined for a language no plugin knows. */
  pluginFor(uri: string): LanguagePlugin | undefined {
    return this.#byExtension.get(extensionOf(uri))?.plugin;
  }

  /** Parses `text` with the grammar its extension names; the caller deletes the tree. */
  parse(uri: string, text: string): Tree | null {
    const entry = this.#byExtension.get(extensionOf(uri));
    return entry ? this.#parsers.get(entry.grammar)!.parse(text) : null;
  }

  dispose(): void {
    for (const parser of this.#parsers.values()) parser.delete();
  }
}

function extensionOf(uri: string): string {
  const path = uri.split(/[?#]/)[0]!;
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot).toLowerCase() : '';
}
