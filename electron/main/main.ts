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

/** Files that run as separate processes must live outside app.asar (electron-builder asarUnpack). */
const unpacked = (file: string) => join(__dirname, file).replace('app.asar', 'app.asar.unpacked');

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
    watchdogPath: unpacked('watchdog.cjs'),
    inferenceWorker: { entry: unpacked('inferenceWorker.mjs') },
    sidecars: {
      // electron-builder puts native/bin/<platform>-<arch>/minio in Resources as an extra resource.
      minioBinary: app.isPackaged
        ? join(process.resourcesPath, 'bin', 'minio')
        : join(distDir, '..', 'native', 'bin', `${process.platform}-${process.arch}`, 'minio'),
      devServerScript: unpacked('devS3Server.mjs'),
      chromaCli: join(distDir, '..', 'node_modules', 'chromadb', 'dist', 'cli.mjs').replace(
        'app.asar',
        'app.asar.unpacked',
      ),
      // The packaged app always runs its bundled MinIO; the dev server is for source checkouts.
      allowDevServer: !app.isPackaged,
    },
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
