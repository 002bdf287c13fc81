/**
 * Hearth's additions to LSP between the core (or `hearth-lsp`) and the language server child: the workspace is
 * pushed in by whoever owns the documents, so the server never reads the library itself. Both sides import this.
 */

/** One code document of the workspace. */
export interface WorkspaceFile {
  /** `file://` for documents with a source path, `hearth:/documents/<id>/<name>` otherwise. */
  uri: string;
  text: string;
}

/** Request: index (or re-index) files; answers how many were indexed and how many had no language plugin. */
export const INDEX_FILES = 'hearth/indexFiles';
export interface IndexFilesParams {
  files: WorkspaceFile[];
}
export interface IndexFilesResult {
  indexed: number;
  skipped: number;
}

/** Notification: files left the workspace. */
export const REMOVE_FILES = 'hearth/removeFiles';
export interface RemoveFilesParams {
  uris: string[];
}

/** Request: the server's own figures (tests and the bench read its pid and memory). */
export const SERVER_STATUS = 'hearth/status';
export interface ServerStatus {
  pid: number;
  files: number;
  symbols: number;
  rssBytes: number;
}

/** Request: the health probe's ping; answers before and after `initialize`. */
export const PING = 'hearth/ping';
