import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { ModelRef } from '../runtime/inference/runtimeSchemas';
import type { HearthChatModel } from './HearthChatModel';
import { buildAnswerPrompt, type HistoryTurn } from './prompt/buildAnswerPrompt';
import { gradeRetrieval } from './retrieval/gradeRetrieval';
import type { RetrievedPassage } from './retrieval/HybridRetriever';
import { rewriteQuery } from './retrieval/rewriteQuery';
import type { AgentTools } from './tools/AgentTools';

/** What one answer run needs besides the state: set per call in `configurable.run`. */
export interface AnswerRun {
  history: HistoryTurn[];
  collection: string | null;
  documentIds?: string[];
  topK: number;
  onlyFromDocuments: boolean;
  /** Room for the prompt, in characters. */
  budgetChars: number;
  maxTokens: number;
  modelId?: string;
  signal: AbortSignal;
  onStep(step: 'retrieving' | 'grading' | 'rewriting' | 'answering', detail?: string): void;
  onToken(text: string): void;
  onModel(model: ModelRef): void;
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
});
type AnswerState = typeof AnswerState.State;

const runOf = (config: LangGraphRunnableConfig): AnswerRun => config.configurable?.['run'] as AnswerRun;

/**
 * retrieve → grade → (weak and not yet rewritten: rewrite → retrieve) → answer. Retrieval goes through the
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
        return { answer: NOT_FOUND_ANSWER, sources: [], grounded: false };
      }
      const prompt = buildAnswerPrompt({
        question: state.question,
        passages: state.relevant,
        history: run.history,
        budgetChars: run.budgetChars,
        onlyFromDocuments: run.onlyFromDocuments,
      });
      const reply = await deps.model.invoke([new SystemMessage(prompt.system), new HumanMessage(prompt.user)], {
        signal: run.signal,
        maxTokens: run.maxTokens,
        temperature: 0.2,
        onModel: run.onModel,
        ...(run.modelId ? { modelId: run.modelId } : {}),
        callbacks: [{ handleLLMNewToken: (token: string) => run.onToken(token) }],
      });
      const answer = typeof reply.content === 'string' ? reply.content : String(reply.text);
      return { answer, sources: prompt.sources, grounded: prompt.sources.length > 0 };
    })
    .addEdge(START, 'retrieve')
    .addEdge('retrieve', 'grade')
    .addConditionalEdges('grade', (state) => (state.weak && !state.rewritten ? 'rewrite_query' : 'write_answer'), [
      'rewrite_query',
      'write_answer',
    ])
    .addEdge('rewrite_query', 'retrieve')
    .addEdge('write_answer', END)
    .compile();
}
