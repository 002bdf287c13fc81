import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { createCore, type Core } from '../core/createCore';
import { resolveDataDir } from '../core/paths/resolveDataDir';
import { isAllowedNavigation } from './isTrustedSender';
import { registerIpcRouter } from './registerIpcRouter';
import { mainWindowOptions } from './windowOptions';

// Bundled layout (scripts/build.mjs): dist/electron/{main.cjs,preload.cjs,watchdog.cjs}, dist/renderer/.
const distDir = join(__dirname, '..');
const rendererUrl = pathToFileURL(join(distDir, 'renderer', 'index.html')).href;

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions({ preloadPath: join(__dirname, 'preload.cjs') }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser; nothing opens inside Hearth.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  core = await createCore({
    mode: 'desktop',
    dataDir: resolveDataDir(),
    defaultDataDir: resolveDataDir({ env: {} }),
    appVersion: app.getVersion(),
    node: { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } },
    watchdogPath: join(__dirname, 'watchdog.cjs').replace('app.asar', 'app.asar.unpacked'),
  });
  registerIpcRouter(ipcMain, core, rendererUrl);
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));

  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void core.dispose().finally(() => app.quit());
  });
}

void start();
