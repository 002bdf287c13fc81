import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { HumanMessage } from '@langchain/core/messages';
import type { ModelRef } from '../runtime/inference/runtimeSchemas';
import type { HearthChatModel } from './HearthChatModel';
import type { HistoryTurn } from './prompt/buildAnswerPrompt';
import { fitAnswerPrompt, fitNotice, type FittedAnswerPrompt } from './prompt/fitAnswerPrompt';
import { gradeRetrieval } from './retrieval/gradeRetrieval';
import type { RetrievedPassage } from './retrieval/HybridRetriever';
import { rewriteQuery } from './retrieval/rewriteQuery';
import type { AgentTools } from './tools/AgentTools';
import { parseCodeQuestion } from './code/parseCodeQuestion';

/** What one answer run needs besides the state: set per call in `configurable.run`. */
export interface AnswerRun {
  history: HistoryTurn[];
  collection: string | null;
  documentIds?: string[];
  topK: number;
  onlyFromDocuments: boolean;
  maxTokens: number;
  modelId?: string;
  signal: AbortSignal;
  onStep(step: 'retrieving' | 'grading' | 'rewriting' | 'answering', detail?: string): void;
  onToken(text: string): void;
  onModel(model: ModelRef): void;
  /** The passages the answer is written from, once its prompt is fitted (so a stopped answer keeps them). */
  onSources?(sources: readonly RetrievedPassage[]): void;
  /** Something to say beside the answer, heard while retrieving (the reranker failed, search order kept). */
  onNote?(note: string): void;
}

export const NOT_FOUND_ANSWER =
  'I could not find anything about this in your documents. Try other words, or add the documents that cover it.';

const AnswerState = Annotation.Root({
  question: Annotation<string>(),
  query: Annotation<string>(),
  rewritten: Annotation<boolean>(),
  passages: Annotation<RetrievedPassage[]>(),
  relevant: Annotation<RetrievedPassage[]>(),
  weak: Annotation<boolean>(),
  answer: Annotation<string>(),
  sources: Annotation<RetrievedPassage[]>(),
  grounded: Annotation<boolean>(),
  /** Said with the answer when sources had to be left out or shortened to fit the model's context. */
  notice: Annotation<string | null>(),
});
type AnswerState = typeof AnswerState.State;

const runOf = (config: LangGraphRunnableConfig): AnswerRun => config.configurable?.['run'] as AnswerRun;

/**
 * retrieve → grade → (weak and not yet rewritten: rewrite → retrieve) → answer. A code question ("where is X defined",
 * "what calls X") asks the code index first (`go_to_definition`, `find_references`) and answers from the lines it
 * finds, cited by file and line; with nothing found there it goes on to retrieve. Retrieval goes through the
 * audited `search_documents` tool; the answer streams from the runtime through the LangChain adapter. With no
 * relevant passage and "answer only from my documents" on, the answer says so without calling the model.
 */
export function createAnswerGraph(deps: { tools: AgentTools; model: HearthChatModel }) {
  return new StateGraph(AnswerState)
    .addNode('retrieve', async (state, config) => {
      const run = runOf(config);
      run.onStep('retrieving', state.rewritten ? state.query : undefined);
      const passages = await deps.tools.execute(
        'search_documents',
        {
          query: state.query,
          topK: run.topK,
          collection: run.collection,
          ...(run.documentIds?.length ? { documentIds: run.documentIds } : {}),
          match: state.rewritten ? 'prefix' : 'any',
        },
        run.signal,
        run.onNote,
      );
      return { passages };
    })
    .addNode('grade', (state, config) => {
      runOf(config).onStep('grading');
      const grade = gradeRetrieval(state.question, state.passages);
      return { relevant: grade.relevant.map((i) => state.passages[i]!), weak: grade.weak };
    })
    .addNode('rewrite_query', (state, config) => {
      const query = rewriteQuery(state.question) ?? state.question;
      runOf(config).onStep('rewriting', query);
      return { query, rewritten: true };
    })
    .addNode('write_answer', async (state, config) => {
      const run = runOf(config);
      run.onStep('answering');
      if (state.relevant.length === 0 && run.onlyFromDocuments) {
        run.onToken(NOT_FOUND_ANSWER);
        return { answer: NOT_FOUND_ANSWER, sources: [], grounded: false, notice: null };
      }
      // The prompt is fitted by the source that answers, with its tokenizer and context: the last fit is its own.
      let fitted: FittedAnswerPrompt | null = null;
      const question = new HumanMessage(`Question: ${state.question}`);
      const reply = await deps.model.invoke([question], {
        signal: run.signal,
        maxTokens: run.maxTokens,
        temperature: 0.2,
        onModel: run.onModel,
        ...(run.modelId ? { modelId: run.modelId } : {}),
        fit: async (meter) => {
          fitted = await fitAnswerPrompt({
            question: state.question,
            passages: state.relevant,
            history: run.history,
            onlyFromDocuments: run.onlyFromDocuments,
            meter,
          });
          run.onSources?.(fitted.sources);
          return { systemPrompt: fitted.system, messages: [{ role: 'user', content: fitted.user }] };
        },
        callbacks: [{ handleLLMNewToken: (token: string) => run.onToken(token) }],
      });
      const answer = typeof reply.content === 'string' ? reply.content : String(reply.text);
      const used = fitted as FittedAnswerPrompt | null;
      const sources = used?.sources ?? [];
      return { answer, sources, grounded: sources.length > 0, notice: used ? fitNotice(used) : null };
    })
    .addNode('code_lookup', async (state, config) => {
      const run = runOf(config);
      const question = parseCodeQuestion(state.question)!;
      const definition = question.kind === 'definition';
      run.onStep('retrieving', `${definition ? 'definition of' : 'uses of'} ${question.symbol}`);
      try {
        const passages = await deps.tools.execute(
          definition ? 'go_to_definition' : 'find_references',
          { symbol: question.symbol },
          run.signal,
        );
        return { passages, relevant: passages, weak: passages.length === 0 };
      } catch (error) {
        if (run.signal.aborted) throw error;
        run.onNote?.(`The code index could not answer (${(error as Error).message}); searched the passages instead.`);
        return { passages: [], relevant: [], weak: true };
      }
    })
    .addConditionalEdges(
      START,
      (state) => (deps.tools.hasCode && parseCodeQuestion(state.question) ? 'code_lookup' : 'retrieve'),
      ['code_lookup', 'retrieve'],
    )
    .addConditionalEdges('code_lookup', (state) => (state.relevant.length > 0 ? 'write_answer' : 'retrieve'), [
      'write_answer',
      'retrieve',
    ])
    .addEdge('retrieve', 'grade')
    .addConditionalEdges('grade', (state) => (state.weak && !state.rewritten ? 'rewrite_query' : 'write_answer'), [
      'rewrite_query',
      'write_answer',
    ])
    .addEdge('rewrite_query', 'retrieve')
    .addEdge('write_answer', END)
    .compile();
}
