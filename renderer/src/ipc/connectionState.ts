/**
 * Where the renderer stands with the core. `unauthorized` is terminal until the page is reopened with a fresh
 * sign-in link; `disconnected` means a reconnect is scheduled.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';
