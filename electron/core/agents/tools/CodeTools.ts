import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import type { CodeSymbol } from '../../../shared/codeSchemas';
import { HearthError } from '../../../shared/errors';
import type { CodeService } from '../../lsp/CodeService';
import type { AgentReadView } from '../AgentReadView';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';

const SymbolName = z.string().min(1).max(200);
const FindSymbolArgs = z.strictObject({ query: SymbolName, limit: z.int().min(1).max(50).default(20) });
const DefinitionArgs = z.union([
  z.strictObject({ symbol: SymbolName }),
  z.strictObject({ documentId: z.string().min(1).max(64), line: z.int().min(1), character: z.int().min(0) }),
]);
const ListSymbolsArgs = z.strictObject({ documentId: z.string().min(1).max(64) });
const ReferencesArgs = z.strictObject({ symbol: SymbolName });

/** The code tools of the allow-list: read-only questions to the code index. */
export const CODE_TOOL_NAMES = ['find_symbol', 'go_to_definition', 'list_symbols', 'find_references'] as const;
export type CodeToolName = (typeof CODE_TOOL_NAMES)[number];

export interface CodeToolResults {
  find_symbol: CodeSymbol[];
  /** Each definition as a passage of its document: its lines, cited by file and line. */
  go_to_definition: RetrievedPassage[];
  list_symbols: CodeSymbol[];
  /** The lines around each use, as passages. */
  find_references: RetrievedPassage[];
}

/** Lines of a definition given to the model at most; the citation still names its first line. */
const MAX_DEFINITION_LINES = 60;
const REFERENCE_CONTEXT_LINES = 2;
const MAX_REFERENCES = 8;
const ACTOR = 'agent';

/** The code tools: answers from the code index, turned into passages of the library's own chunks for citing. */
export class CodeTools {
  constructor(private readonly o: { code: CodeService; catalog: AgentReadView }) {}

  async run(name: CodeToolName, rawArgs: unknown): Promise<CodeToolResults[CodeToolName]> {
    const { code } = this.o;
    switch (name) {
      case 'find_symbol': {
        const args = parse(FindSymbolArgs, rawArgs);
        return code.findSymbol(args.query, ACTOR, args.limit);
      }
      case 'list_symbols':
        return code.listSymbols(parse(ListSymbolsArgs, rawArgs).documentId, ACTOR);
      case 'go_to_definition': {
        const args = parse(DefinitionArgs, rawArgs);
        if ('symbol' in args) {
          const found = await code.definitionsOf(args.symbol, ACTOR);
          return found.flatMap((d) => this.#passage(d.documentId, d.line, d.endLine, MAX_DEFINITION_LINES) ?? []);
        }
        const found = await code.definitionAt(args.documentId, args.line, args.character, ACTOR);
        return found.flatMap(
          (l) => this.#passage(l.documentId, l.line, l.line + MAX_DEFINITION_LINES - 1, MAX_DEFINITION_LINES) ?? [],
        );
      }
      case 'find_references': {
        const uses = await code.referencesOf(parse(ReferencesArgs, rawArgs).symbol, ACTOR);
        return uses
          .slice(0, MAX_REFERENCES)
          .flatMap(
            (u) =>
              this.#passage(
                u.documentId,
                Math.max(1, u.line - REFERENCE_CONTEXT_LINES),
                u.line + REFERENCE_CONTEXT_LINES,
                1 + 2 * REFERENCE_CONTEXT_LINES,
              ) ?? [],
          );
      }
    }
  }

  /** The same tools for tool-calling models and the MCP server; results as text with file and line. */
  langChainTools(
    execute: <N extends CodeToolName>(name: N, args: unknown) => Promise<CodeToolResults[N]>,
  ): StructuredToolInterface[] {
    const symbols = (list: CodeSymbol[]): string =>
      list.map((s) => `${'  '.repeat(s.depth)}${s.kind} ${s.name} — ${s.documentName}:${s.line}`).join('\n') ||
      'No symbol matches.';
    const passages = (list: RetrievedPassage[]): string =>
      list
        .map((p) => {
          const lines = p.provenance as { lineStart?: number };
          return `${p.documentName}:${lines.lineStart ?? '?'} (chunk ${p.chunkId})\n${p.text}`;
        })
        .join('\n\n') || 'Nothing found in the code index.';
    return [
      tool(async (args) => symbols(await execute('find_symbol', args)), {
        name: 'find_symbol',
        description: 'Find functions, classes, types and variables of the code in the library by (part of) their name.',
        schema: FindSymbolArgs,
      }),
      tool(async (args) => passages(await execute('go_to_definition', args)), {
        name: 'go_to_definition',
        description: 'Show where a symbol (by name, or at a line and column of a document) is defined, with its code.',
        schema: DefinitionArgs,
      }),
      tool(async (args) => symbols(await execute('list_symbols', args)), {
        name: 'list_symbols',
        description: 'List the symbols (outline) of one code document.',
        schema: ListSymbolsArgs,
      }),
      tool(async (args) => passages(await execute('find_references', args)), {
        name: 'find_references',
        description: 'Show where a symbol is used or called, with the lines around each use.',
        schema: ReferencesArgs,
      }),
    ];
  }

  /**
   * Lines `from..to` of a document as a passage of the chunk holding line `from` (its id makes the citation), cut to
   * the chunk's end and to `maxLines`.
   */
  #passage(documentId: string, from: number, to: number, maxLines: number): RetrievedPassage | null {
    const doc = this.o.catalog.getDocument(documentId);
    if (!doc) return null;
    for (const chunk of this.o.catalog.listChunks(documentId)) {
      const p = chunk.provenance as { lineStart?: number; lineEnd?: number };
      if (p.lineStart === undefined || p.lineEnd === undefined || from < p.lineStart || from > p.lineEnd) continue;
      const lineEnd = Math.min(to, p.lineEnd, from + maxLines - 1);
      const lines = chunk.text.split('\n');
      // A chunk that holds its lines verbatim gives exactly the asked lines; any other gives its whole text.
      const exact = lines.length === p.lineEnd - p.lineStart + 1;
      const text = exact ? lines.slice(from - p.lineStart, lineEnd - p.lineStart + 1).join('\n') : chunk.text;
      return {
        chunkId: chunk.id,
        documentId,
        documentName: doc.name,
        documentType: doc.type,
        text,
        provenance: { lineStart: from, lineEnd },
        score: 1,
      };
    }
    return null;
  }
}

export function isCodeTool(name: string): name is CodeToolName {
  return (CODE_TOOL_NAMES as readonly string[]).includes(name);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HearthError('INVALID_INPUT', `Invalid tool arguments: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}
