import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { z } from 'zod';
import { HearthError } from '../../../shared/errors';
import type { AuditLog } from '../../audit/AuditLog';
import type { AgentReadView } from '../AgentReadView';
import { describeSource } from '../../../shared/locationText';
import type { RetrievedPassage } from '../retrieval/HybridRetriever';
import type { LibrarySearch } from '../retrieval/LibrarySearch';
import { InFlight } from '../../lifecycle/InFlight';
import type { CodeService } from '../../lsp/CodeService';
import { CODE_TOOL_NAMES, CodeTools, isCodeTool, type CodeToolResults } from './CodeTools';

const SearchArgs = z.strictObject({
  query: z.string().min(1).max(2000),
  topK: z.int().min(1).max(20).default(6),
  collection: z.string().max(64).nullable().optional(),
  documentIds: z.array(z.string().max(64)).max(100).optional(),
  /** 'prefix' matches stems (the rewritten query). */
  match: z.enum(['any', 'prefix']).optional(),
});
const ReadArgs = z.strictObject({
  documentId: z.string().min(1).max(64),
  /** First and last chunk (0-based, inclusive); at most 20 chunks per read. */
  fromChunk: z.int().min(0),
  toChunk: z.int().min(0),
});
const ListArgs = z.strictObject({
  collection: z.string().max(64).optional(),
  search: z.string().max(200).optional(),
});

/** The tool names the agent may run: read-only, nothing else. */
const TOOL_NAMES = ['search_documents', 'read_document', 'list_documents', ...CODE_TOOL_NAMES] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface ToolResults extends CodeToolResults {
  search_documents: RetrievedPassage[];
  read_document: { documentId: string; name: string; chunks: { ordinal: number; text: string }[] };
  list_documents: { id: string; name: string; type: string; collection: string | null }[];
}

/** Options for the agent's tools. */
export interface AgentToolsOptions {
  /** The library search every caller shares (the search box too). */
  search: Pick<LibrarySearch, 'retrieve'>;
  catalog: AgentReadView;
  audit: Pick<AuditLog, 'append'>;
  /** The code index; absent, the code tools answer that this Hearth has none. */
  code?: CodeService;
}

/**
 * The agent's tools: an allow-list of read-only operations on the library. Every execution, whoever asks (the
 * answer graph, a tool-calling model, the MCP server), is validated against its schema and written to the audit log
 * with its arguments and result size before the result is returned.
 */
export class AgentTools {
  readonly #inFlight = new InFlight('Agent tools');

  readonly #code: CodeTools | undefined;

  constructor(private readonly o: AgentToolsOptions) {
    this.#code = o.code ? new CodeTools({ code: o.code, catalog: o.catalog }) : undefined;
  }

  /** Whether the code tools can answer (this core has a code index). */
  get hasCode(): boolean {
    return this.#code !== undefined;
  }

  /**
   * Runs an allow-listed tool and audits the call. `onNote` hears what the user should be told beside the result
   * (search: the reranker failed and search order was kept).
   */
  execute<N extends ToolName>(
    name: N,
    rawArgs: unknown,
    signal?: AbortSignal,
    onNote?: (note: string) => void,
  ): Promise<ToolResults[N]> {
    return this.#inFlight.run((s) => this.#execute(name, rawArgs, s, onNote), signal);
  }

  /** Stops running tool calls (their audit entries are still written) and refuses new ones. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  async #execute<N extends ToolName>(
    name: N,
    rawArgs: unknown,
    signal: AbortSignal,
    onNote?: (note: string) => void,
  ): Promise<ToolResults[N]> {
    if (!(TOOL_NAMES as readonly string[]).includes(name)) {
      throw new HearthError('PERMISSION_DENIED', `The agent may not run "${String(name)}".`);
    }
    const result = await this.#run(name, rawArgs, signal, onNote);
    await this.o.audit.append({
      actor: 'agent',
      action: `tool.${name}`,
      data: { args: rawArgs as Record<string, unknown>, results: Array.isArray(result) ? result.length : 1 },
    });
    return result as ToolResults[N];
  }

  /** The same tools as LangChain tools (for tool-calling models and the MCP server); results as text. */
  asLangChainTools(): StructuredToolInterface[] {
    return [
      tool(
        async (args) =>
          (await this.execute('search_documents', args))
            .map((p, i) => `[${i + 1}] ${describeSource(p.documentName, p.provenance)} (chunk ${p.chunkId})\n${p.text}`)
            .join('\n\n') || 'No passage matches.',
        {
          name: 'search_documents',
          description: 'Search the library (keyword and meaning) and return the best passages with their sources.',
          schema: SearchArgs,
        },
      ),
      tool(
        async (args) => {
          const r = await this.execute('read_document', args);
          return `${r.name}\n\n${r.chunks.map((c) => `(${c.ordinal}) ${c.text}`).join('\n\n')}`;
        },
        {
          name: 'read_document',
          description: 'Read consecutive chunks of one document by chunk number (at most 20).',
          schema: ReadArgs,
        },
      ),
      tool(
        async (args) =>
          (await this.execute('list_documents', args)).map((d) => `${d.id}\t${d.name}\t${d.type}`).join('\n') ||
          'The library is empty.',
        { name: 'list_documents', description: 'List the indexed documents.', schema: ListArgs },
      ),
      ...(this.#code?.langChainTools((name, args) => this.execute(name, args)) ?? []),
    ];
  }

  async #run(
    name: ToolName,
    rawArgs: unknown,
    signal?: AbortSignal,
    onNote?: (note: string) => void,
  ): Promise<ToolResults[ToolName]> {
    if (isCodeTool(name)) {
      if (!this.#code) throw new HearthError('SIDECAR_DOWN', 'This Hearth has no code index.');
      return this.#code.run(name, rawArgs);
    }
    const { catalog } = this.o;
    switch (name) {
      case 'search_documents': {
        const args = parse(SearchArgs, rawArgs);
        const result = await this.o.search.retrieve(args.query, {
          topK: args.topK,
          filters: {
            ...(args.collection ? { collections: [args.collection] } : {}),
            ...(args.documentIds ? { documentIds: args.documentIds } : {}),
          },
          ...(args.match ? { keywordMatch: args.match } : {}),
          ...(signal ? { signal } : {}),
        });
        if (result.note) onNote?.(result.note);
        return result.passages;
      }
      case 'read_document': {
        const args = parse(ReadArgs, rawArgs);
        if (args.toChunk < args.fromChunk || args.toChunk - args.fromChunk >= 20) {
          throw new HearthError('INVALID_INPUT', 'Read 1 to 20 chunks at a time.');
        }
        const doc = catalog.getDocument(args.documentId);
        if (!doc || doc.status !== 'indexed')
          throw new HearthError('NOT_FOUND', 'That document is not in the library.');
        const chunks = catalog
          .listChunks(doc.id)
          .filter((c) => c.ordinal >= args.fromChunk && c.ordinal <= args.toChunk)
          .map((c) => ({ ordinal: c.ordinal, text: c.text }));
        return { documentId: doc.id, name: doc.name, chunks };
      }
      case 'list_documents': {
        const args = parse(ListArgs, rawArgs);
        const search = args.search?.toLowerCase();
        return catalog
          .listDocuments({ status: 'indexed', ...(args.collection ? { collection: args.collection } : {}) })
          .filter((d) => !search || d.name.toLowerCase().includes(search))
          .map((d) => ({ id: d.id, name: d.name, type: d.type, collection: d.collection }));
      }
    }
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HearthError('INVALID_INPUT', `Invalid tool arguments: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}
