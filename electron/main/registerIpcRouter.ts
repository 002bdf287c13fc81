import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { Core } from '../core/createCore';
import type { RpcSession } from '../core/rpc/RpcSession';
import { IPC_CHANNEL } from '../shared/wire';
import { isTrustedSender, senderFrameOf } from './isTrustedSender';

/** The Electron IPC transport of the contract: sender check, then one RpcSession per webContents. */
export function registerIpcRouter(ipcMain: IpcMain, core: Core, rendererUrl: string): () => void {
  const sessions = new Map<number, RpcSession>();

  const sessionFor = (contents: WebContents): RpcSession => {
    let session = sessions.get(contents.id);
    if (!session) {
      // The trusted top frame of our own window (checked below): the desktop caller class.
      const created = core.createSession('desktop', (message) => {
        if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message);
      });
      sessions.set(contents.id, created);
      const end = () => {
        created.dispose();
        sessions.delete(contents.id);
      };
      contents.once('destroyed', end);
      // A reload is a new page: cancel what the old one started.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) end();
      });
      session = created;
    }
    return session;
  };

  const listener = (event: IpcMainEvent, message: unknown) => {
    if (!isTrustedSender(senderFrameOf(event), rendererUrl)) {
      core.logger.warn({ url: event.senderFrame?.url }, 'refused IPC from an untrusted frame');
      return;
    }
    sessionFor(event.sender).handle(message);
  };
  ipcMain.on(IPC_CHANNEL, listener);
  return () => {
    ipcMain.removeListener(IPC_CHANNEL, listener);
    for (const session of sessions.values()) session.dispose();
    sessions.clear();
  };
}
