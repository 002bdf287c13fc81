import { status } from '@grpc/grpc-js';
import type { Citation } from '../../../shared/answerSchemas';
import type { ErrorCode } from '../../../shared/errors';
import type { LibraryListInput, LibraryList } from '../../../shared/librarySchemas';
import type { ReembedProgressItem } from '../../../shared/livingLibrarySchemas';
import { locationLabel } from '../../../shared/locationText';
import type { SearchResult } from '../../../shared/searchSchemas';

// Shapes of hearth.proto as @grpc/proto-loader reads and writes them (camelCase fields, enums by name).

const MODES = { SEARCH_MODE_HYBRID: 'hybrid', SEARCH_MODE_KEYWORD: 'keyword', SEARCH_MODE_VECTOR: 'vector' } as const;
type ProtoMode = keyof typeof MODES;

export interface SearchRequest {
  query: string;
  mode: ProtoMode;
  topK: number;
  collections: string[];
  types: string[];
  documentIds: string[];
}

export interface ListDocumentsRequest {
  pageToken: string;
  pageSize: number;
  collection: string;
  nameContains: string;
  statuses: string[];
}

export interface AskRequest {
  question: string;
  collection: string;
  documentIds: string[];
}

/** library.search's input: zero, empty and unset mean "not given" (proto3 cannot tell them apart). */
export function searchInput(request: SearchRequest) {
  const filters = {
    ...(request.collections.length > 0 ? { collections: request.collections } : {}),
    ...(request.types.length > 0 ? { types: request.types } : {}),
    ...(request.documentIds.length > 0 ? { documentIds: request.documentIds } : {}),
  };
  return {
    query: request.query,
    mode: MODES[request.mode] ?? 'hybrid',
    ...(request.topK > 0 ? { topK: request.topK } : {}),
    ...(Object.keys(filters).length > 0 ? { filters } : {}),
  };
}

export function searchResponse(result: SearchResult) {
  const mode = (Object.keys(MODES) as ProtoMode[]).find((name) => MODES[name] === result.mode) ?? 'SEARCH_MODE_HYBRID';
  return {
    query: result.query,
    mode,
    passages: result.passages.map((p) => ({
      chunkId: p.chunkId,
      documentId: p.documentId,
      documentName: p.documentName,
      documentType: p.documentType,
      text: p.text,
      location: p.location,
      score: p.score,
      page: p.page ?? 0,
      lineStart: p.lineStart ?? 0,
      lineEnd: p.lineEnd ?? 0,
      headingPath: p.headingPath ?? [],
    })),
    vectorSkipped: result.vectorSkipped ?? '',
    note: result.note ?? '',
  };
}

export function listInput(request: ListDocumentsRequest): LibraryListInput {
  const filters = {
    ...(request.collection ? { collection: request.collection } : {}),
    ...(request.nameContains ? { text: request.nameContains } : {}),
    ...(request.statuses.length > 0 ? { status: request.statuses } : {}),
  };
  return {
    ...(request.pageToken ? { cursor: request.pageToken } : {}),
    ...(request.pageSize > 0 ? { limit: request.pageSize } : {}),
    // The contract's schema checks the statuses' names; the cast only carries them there.
    filters: filters as LibraryListInput['filters'],
  };
}

export function listResponse(page: LibraryList) {
  return {
    documents: page.items.map((d) => ({
      id: d.id,
      name: d.name,
      type: d.type,
      collection: d.collection ?? '',
      status: d.status,
      passages: d.chunks,
      size: d.size,
      updatedAt: new Date(d.updatedAt).toISOString(),
    })),
    nextPageToken: page.nextCursor ?? '',
    total: page.total,
  };
}

export function citationMessage(c: Citation) {
  return {
    n: c.n,
    cited: c.cited,
    chunkId: c.chunkId,
    documentId: c.documentId,
    documentName: c.documentName,
    documentType: c.documentType,
    location: locationLabel(c, { headings: true }),
    snippet: c.snippet,
  };
}

const CHANGE_KINDS = { ingested: 'ADDED', updated: 'CHANGED', deleted: 'REMOVED', failed: 'FAILED' } as const;

/** One LibraryEvent per document of a `library.changed` (none for a change to jobs only). */
export function documentEvents(change: { documentIds: string[]; reason: string }) {
  const kind = CHANGE_KINDS[change.reason as keyof typeof CHANGE_KINDS];
  if (!kind) return [];
  return change.documentIds.map((documentId) => ({ document: { kind, documentId } }));
}

export function reembedEvent(progress: ReembedProgressItem) {
  return {
    reembed: {
      runId: progress.runId,
      model: progress.model,
      version: progress.version,
      done: progress.done,
      total: progress.total,
      documentId: progress.documentId ?? '',
    },
  };
}

const CODES: Partial<Record<ErrorCode, status>> = {
  INVALID_INPUT: status.INVALID_ARGUMENT,
  UNSUPPORTED_FILE: status.INVALID_ARGUMENT,
  FILE_TOO_LARGE: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  CONFLICT: status.ABORTED,
  UNAUTHORIZED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  RATE_LIMITED: status.RESOURCE_EXHAUSTED,
  CANCELLED: status.CANCELLED,
  TIMEOUT: status.DEADLINE_EXCEEDED,
  MODEL_UNAVAILABLE: status.FAILED_PRECONDITION,
  MODEL_INVALID: status.FAILED_PRECONDITION,
  OUT_OF_MEMORY: status.RESOURCE_EXHAUSTED,
  DISK_FULL: status.RESOURCE_EXHAUSTED,
  SIDECAR_DOWN: status.UNAVAILABLE,
  REMOTE_UNAVAILABLE: status.UNAVAILABLE,
};

/** The gRPC status of a core error code (the core's message goes with it: it is worded for people). */
export function statusOfError(code: ErrorCode): status {
  return CODES[code] ?? status.INTERNAL;
}
