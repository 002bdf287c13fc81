import type { Logger } from 'pino';
import type { AskEvent, Citation, Conversation, Message } from '../../shared/answerSchemas';
import { HearthError, isHearthError } from '../../shared/errors';
import { describeSource } from '../../shared/locationText';
import type { ConversationCatalog } from './AgentReadView';
import type { ModelRef } from '../runtime/inference/runtimeSchemas';
import { createAnswerGraph, type AnswerRun } from './answerGraph';
import type { RetrievedPassage } from './retrieval/HybridRetriever';
import type { HearthChatModel } from './HearthChatModel';
import { buildCitations } from './prompt/buildCitations';
import type { AgentTools } from './tools/AgentTools';
import { InFlight } from '../lifecycle/InFlight';

/** One question, as the contract's `chat.ask` takes it. */
export interface AskInput {
  conversationId?: string;
  question: string;
  mode: 'new' | 'regenerate' | 'edit';
  editMessageId?: string;
  documentIds?: string[];
  collection?: string | null;
  quick?: boolean;
}

/** Options for the answer service. */
export interface AnswerServiceOptions {
  catalog: ConversationCatalog;
  tools: AgentTools;
  model: HearthChatModel;
  /** Read at each question: answers.onlyFromDocuments, answers.sources and answers.maxTokens. */
  settings: () => { onlyFromDocuments: boolean; sources: number; maxTokens: number };
  onChanged: (change: { id: string; deleted: boolean }) => void;
  logger: Logger;
}

const TITLE_CHARS = 60;

/**
 * Grounded answers in conversations: stores the question, runs the answer graph, streams its steps and tokens,
 * and stores the answer with its citations — also when it is stopped (what was written so far) or fails (why).
 */
export class AnswerService {
  readonly #graph: ReturnType<typeof createAnswerGraph>;

  readonly #inFlight = new InFlight('Answers');

  constructor(private readonly o: AnswerServiceOptions) {
    this.#graph = createAnswerGraph({ tools: o.tools, model: o.model });
  }

  /** Answers a question in a conversation, streaming events; cancelled by `options.signal` or by dispose. */
  ask(
    input: AskInput,
    options: { signal: AbortSignal; emit: (event: AskEvent) => void },
  ): Promise<{ conversationId: string; message: Message }> {
    return this.#inFlight.run((signal) => this.#ask(input, { ...options, signal }), options.signal);
  }

  /** Cancels running answers (each keeps what it streamed, marked stopped) and refuses new ones. */
  dispose(): Promise<void> {
    return this.#inFlight.dispose();
  }

  async #ask(
    input: AskInput,
    options: { signal: AbortSignal; emit: (event: AskEvent) => void },
  ): Promise<{ conversationId: string; message: Message }> {
    const { conversations } = this.o.catalog;
    const conversation = input.conversationId
      ? conversations.require(input.conversationId)
      : conversations.create({
          title: titleOf(input.question),
          ...(input.collection !== undefined ? { collection: input.collection } : {}),
        });
    const { question, userMessage } = this.#prepare(conversation, input);
    const history = conversations
      .messages(conversation.id)
      .filter((m) => m.id !== userMessage.id && m.status !== 'failed')
      .map((m) => ({ role: m.role, content: m.content }));
    const assistant = conversations.append(conversation.id, {
      role: 'assistant',
      content: '',
      citations: [],
      status: 'complete',
      error: null,
      model: null,
      grounded: true,
    });
    options.emit({
      type: 'started',
      conversationId: conversation.id,
      userMessageId: userMessage.id,
      assistantMessageId: assistant.id,
    });
    this.o.onChanged({ id: conversation.id, deleted: false });

    const settings = this.o.settings();
    const maxTokens = input.quick ? Math.max(16, Math.floor(settings.maxTokens / 2)) : settings.maxTokens;
    let streamed = '';
    let model: ModelRef | null = null;
    const notes = new Set<string>();
    let sources: readonly RetrievedPassage[] = [];
    const run: AnswerRun = {
      history,
      collection: conversation.collection,
      ...(input.documentIds?.length ? { documentIds: input.documentIds } : {}),
      topK: input.quick ? Math.min(4, settings.sources) : settings.sources,
      onlyFromDocuments: settings.onlyFromDocuments,
      maxTokens,
      ...(conversation.model ? { modelId: conversation.model } : {}),
      signal: options.signal,
      onStep: (step, detail) => options.emit({ type: 'step', step, ...(detail ? { detail } : {}) }),
      onToken: (text) => {
        streamed += text;
        options.emit({ type: 'token', text });
      },
      onModel: (ref) => (model = ref),
      onSources: (fitted) => (sources = fitted),
      onNote: (note) => notes.add(note),
    };
    try {
      const state = await this.#graph.invoke(
        { question, query: question, rewritten: false },
        { configurable: { run }, signal: options.signal, recursionLimit: 12 },
      );
      const citations = buildCitations(state.sources, state.answer);
      options.emit({ type: 'citations', citations });
      const message = this.#finish(assistant.id, conversation.id, {
        content: state.answer,
        citations,
        status: 'complete',
        error: null,
        model: (model as ModelRef | null)?.name ?? null,
        grounded: state.grounded,
        ...noticeOf([...notes, state.notice]),
      });
      return { conversationId: conversation.id, message };
    } catch (error) {
      const stopped = options.signal.aborted || (isHearthError(error) && error.code === 'CANCELLED');
      const reason = isHearthError(error)
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL' as const, message: 'The answer could not be written.' };
      if (!isHearthError(error)) this.o.logger.error({ err: error }, 'answer failed');
      // A stopped answer keeps the passages it was being written from; a failed one has nothing to show for them.
      const kept: Citation[] = stopped ? buildCitations(sources, streamed) : [];
      this.#finish(assistant.id, conversation.id, {
        content: streamed,
        citations: kept,
        status: stopped ? 'stopped' : 'failed',
        error: stopped ? null : reason,
        model: (model as ModelRef | null)?.name ?? null,
        grounded: kept.length > 0,
      });
      throw stopped ? new HearthError('CANCELLED', 'Stopped.') : error;
    }
  }

  /** The conversation as Markdown: questions, answers and their numbered sources. */
  exportMarkdown(id: string): { fileName: string; markdown: string } {
    const conversation = this.o.catalog.conversations.require(id);
    const parts = [`# ${conversation.title}`, ''];
    for (const m of this.o.catalog.conversations.messages(id)) {
      parts.push(`**${m.role === 'user' ? 'You' : 'Hearth'}:** ${m.content}`, '');
      const cited = m.citations.filter((c) => c.cited);
      // An answer that cites nothing by number still came from its passages: list those, said as such.
      const listed = cited.length ? cited : m.citations;
      if (listed.length) {
        parts.push(
          cited.length ? 'Sources:' : 'Passages it was written from:',
          ...listed.map((c) => `${c.n}. ${describeSource(c.documentName, c)} — “${c.snippet}”`),
          '',
        );
      }
    }
    const slug = conversation.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'conversation';
    return { fileName: `${slug.slice(0, 60)}.md`, markdown: parts.join('\n') };
  }

  /** Applies the mode: stores the new or edited question, or finds the one to answer again. */
  #prepare(conversation: Conversation, input: AskInput): { question: string; userMessage: Message } {
    const { conversations } = this.o.catalog;
    const messages = conversations.messages(conversation.id);
    if (input.mode === 'regenerate') {
      const lastUser = messages.findLast((m) => m.role === 'user');
      if (!lastUser) throw new HearthError('NOT_FOUND', 'There is no question to answer again.');
      const after = messages.slice(messages.indexOf(lastUser) + 1);
      if (after[0]) conversations.truncateFrom(conversation.id, after[0].id);
      return { question: lastUser.content, userMessage: lastUser };
    }
    if (input.mode === 'edit') {
      const target = messages.find((m) => m.id === input.editMessageId && m.role === 'user');
      if (!target) throw new HearthError('NOT_FOUND', 'That question is not in this conversation.');
      conversations.truncateFrom(conversation.id, target.id);
    }
    const userMessage = conversations.append(conversation.id, {
      role: 'user',
      content: input.question.trim(),
      citations: [],
      status: 'complete',
      error: null,
      model: null,
      grounded: true,
    });
    return { question: userMessage.content, userMessage };
  }

  #finish(
    messageId: string,
    conversationId: string,
    patch: Parameters<ConversationCatalog['conversations']['finish']>[1],
  ) {
    const message = this.o.catalog.conversations.finish(messageId, patch);
    this.o.onChanged({ id: conversationId, deleted: false });
    return message;
  }
}

/** The notes said while answering, as the message's notice; none when nothing was said. */
function noticeOf(notes: ReadonlyArray<string | null>): { notice?: string } {
  const notice = notes.filter(Boolean).join(' ');
  return notice ? { notice } : {};
}

function titleOf(question: string): string {
  const line = question.trim().replace(/\s+/g, ' ');
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line || 'New conversation';
}
