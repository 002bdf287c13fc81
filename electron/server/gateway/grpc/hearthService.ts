import { Metadata, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Citation } from '../../../shared/answerSchemas';
import {
  callError,
  fail,
  streamingCall,
  unaryCall,
  unwrap,
  type GrpcCallOptions,
  type StreamContext,
} from './grpcCalls';
import {
  citationMessage,
  documentEvents,
  listInput,
  listResponse,
  reembedEvent,
  searchInput,
  searchResponse,
  type AskRequest,
  type ListDocumentsRequest,
  type SearchRequest,
} from './grpcMessages';

/**
 * hearth.v1.Hearth (resources/proto/hearth.proto) on the contract: Search (library.search), ListDocuments
 * (library.list), Ask (chat.ask in a conversation made for it and deleted after it) and WatchLibrary
 * (library.changed and library.reembed.progress). Each call is its key's `api-key` session, so the Dispatcher checks
 * its scopes again.
 */
export function hearthService(options: GrpcCallOptions): UntypedServiceImplementation {
  return {
    Search: unaryCall(options, 'Search', 'search', async (api, request: SearchRequest) =>
      searchResponse(unwrap(await api.library.search(searchInput(request)))),
    ),
    ListDocuments: unaryCall(options, 'ListDocuments', 'search', async (api, request: ListDocumentsRequest) =>
      listResponse(unwrap(await api.library.list(listInput(request)))),
    ),
    Ask: streamingCall(options, 'Ask', 'chat', ask),
    WatchLibrary: streamingCall(options, 'WatchLibrary', 'search', watchLibrary),
  };
}

async function ask({ api, request, signal, write }: StreamContext<AskRequest, object>): Promise<void> {
  const created = unwrap(await api.conversations.create({ title: 'gRPC ask', collection: request.collection || null }));
  try {
    let citations: Citation[] | undefined;
    const handle = api.chat.ask(
      {
        conversationId: created.id,
        question: request.question,
        ...(request.documentIds.length > 0 ? { documentIds: request.documentIds } : {}),
      },
      (event) => {
        if (event.type === 'token') write({ token: event.text });
        else if (event.type === 'citations') citations = event.citations;
      },
    );
    const cancel = () => handle.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    if (signal.aborted) cancel();
    const { message } = unwrap(await handle.done.finally(() => signal.removeEventListener('abort', cancel)));
    if (message.status === 'failed')
      fail(message.error?.code ?? 'INTERNAL', message.error?.message ?? 'The answer failed.');
    write({ citations: { citations: (citations ?? message.citations).map(citationMessage) } });
    write({ done: { answer: message.content, grounded: message.grounded, notice: message.notice ?? '' } });
  } finally {
    await api.conversations.delete({ id: created.id });
  }
}

/**
 * Library events a WatchLibrary client may leave unread before its stream is ended (the buffer would only grow).
 * Checked per core event, so one large change (a collection deleted) still goes out whole.
 */
const MAX_UNREAD_EVENTS = 5_000;

async function watchLibrary({ api, signal, write, call }: StreamContext<unknown, object>): Promise<void> {
  let overflow: (error: Error) => void = () => undefined;
  const send = (events: object[]) => {
    if (call.writableLength >= MAX_UNREAD_EVENTS) {
      overflow(callError('RATE_LIMITED', 'The client did not keep up with the library events; watch again.'));
    } else for (const event of events) write(event);
  };
  const unsubscribe = [
    api.on('library.changed', (change) => send(documentEvents(change))),
    api.on('library.reembed.progress', (progress) => send([reembedEvent(progress)])),
  ];
  try {
    // The headers tell the client it is subscribed: what changes from now on reaches it.
    call.sendMetadata(new Metadata());
    await new Promise<void>((resolve, reject) => {
      overflow = reject;
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    for (const off of unsubscribe) off();
  }
}
