/**
 * How a supervised child talks to Hearth. 'ignore': stdout/stderr go to the log; 'pipe': stdin/stdout are the
 * child's protocol channel (stdio JSON-RPC/LSP with Content-Length framing), stderr logged; 'ipc': a Node IPC
 * channel (process.send).
 */
export type ChildStdio = 'ignore' | 'pipe' | 'ipc';
