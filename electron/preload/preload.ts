import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { z } from 'zod';
import { createHearthApi } from '../shared/hearthApi';
import { createRpcClient } from '../shared/rpcClient';
import type { ServerMessage } from '../shared/wire';
import { IPC_CHANNEL } from '../shared/wire';

/** Same value as electron/main/desktopRequest.ts (the preload bundle stays free of main-process modules). */
const DESKTOP_CHANNEL = 'hearth:desktop';

// The renderer's CSP forbids eval; zod must not try it.
z.config({ jitless: true });

const rpc = createRpcClient({
  send: (message) => ipcRenderer.send(IPC_CHANNEL, message),
  onMessage: (handler) => {
    ipcRenderer.on(IPC_CHANNEL, (_event, message: ServerMessage) => handler(message));
  },
  // The core lives as long as the app; an IPC link never closes under a live page.
  onClose: () => undefined,
});

// Domain methods built from the contract — never ipcRenderer itself.
contextBridge.exposeInMainWorld('hearth', createHearthApi(rpc));

// Bytes in (ARCHITECTURE.md): a dropped or picked File has a path on disk in Electron, so models and documents are
// imported by path instead of being copied through the upload route. Kept apart from `hearth`, which mirrors the
// contract only. An empty string means the File has no path (it was built in memory).
contextBridge.exposeInMainWorld('hearthFiles', {
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
});

// Desktop-only actions (quick prompt, Show in Finder); the main process validates every message.
contextBridge.exposeInMainWorld('hearthDesktop', {
  showQuickPrompt: (): void => ipcRenderer.send(DESKTOP_CHANNEL, { action: 'show-quick-prompt' }),
  hideQuickPrompt: (): void => ipcRenderer.send(DESKTOP_CHANNEL, { action: 'hide-quick-prompt' }),
  openInMainWindow: (hash: string): void => ipcRenderer.send(DESKTOP_CHANNEL, { action: 'open-in-main', hash }),
  revealOriginal: (documentId: string): void =>
    ipcRenderer.send(DESKTOP_CHANNEL, { action: 'reveal-original', documentId }),
});
