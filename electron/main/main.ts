import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  app,
  type BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  Notification,
  powerSaveBlocker,
  protocol,
  session,
  shell,
} from 'electron';
import { createCore, type Core } from '../core/createCore';
import { resolveDataDir } from '../core/paths/resolveDataDir';
import { createMainWindow } from './createMainWindow';
import { filesFromArgv } from './files/filesFromArgv';
import { originalContentType } from '../core/library/originalContentType';
import { followIngestion } from './ingestion/followIngestion';
import { IngestionActivity } from './ingestion/IngestionActivity';
import { ingestPaths } from './ingestPaths';
import { aboutPanelOptions } from './menu/aboutPanelOptions';
import { buildAppMenuTemplate } from './menu/buildAppMenuTemplate';
import { createKeepAwake } from './power/createKeepAwake';
import { originalResponse } from './protocol/originalResponse';
import { HEARTH_SCHEME, parseOriginalUrl } from './protocol/parseOriginalUrl';
import { copyOriginal, openOriginalFile } from './protocol/openOriginalFile';
import { revealOriginal } from './protocol/revealOriginal';
import { DESKTOP_CHANNEL, parseDesktopRequest } from './desktopRequest';
import { isTrustedSender } from './isTrustedSender';
import { DEFAULT_QUICK_PROMPT_SHORTCUT } from './quickPrompt/parseAccelerator';
import { QuickPromptWindow } from './quickPrompt/QuickPromptWindow';
import { registerQuickPromptShortcut, type ShortcutRegistration } from './quickPrompt/registerQuickPromptShortcut';
import { registerIpcRouter } from './registerIpcRouter';
import { externalLinkConfirmation } from './security/externalLinkConfirmation';
import { hardenSession } from './security/hardenSession';
import { hardenWebContents } from './security/hardenWebContents';
import { SMOKE_FAILED, SMOKE_OK, SMOKE_TEST_FLAG, waitForFirstLoad } from './smokeTest';
import { createTray, type HearthTray } from './tray/createTray';
import { WINDOW_STATE_FILE } from './windowState/windowStateFile';

// Bundled layout (scripts/build.mjs): dist/electron/{main.cjs,preload.cjs,watchdog.cjs}, dist/renderer/.
const distDir = join(__dirname, '..');
const rendererUrl = pathToFileURL(join(distDir, 'renderer', 'index.html')).href;
const preloadPath = join(__dirname, 'preload.cjs');
const isMac = process.platform === 'darwin';
const smokeTest = process.argv.includes(SMOKE_TEST_FLAG);
/** How long the smoke test waits for the UI before failing (a cold CI runner starts sidecars first). */
const SMOKE_TIMEOUT_MS = 90_000;

/** Files that run as separate processes must live outside app.asar (electron-builder asarUnpack). */
const unpacked = (file: string) => join(__dirname, file).replace('app.asar', 'app.asar.unpacked');

// A privileged scheme must be declared before `ready`. `standard` + `secure` give `hearth://original/<id>` an
// origin and treat it like https; `supportFetchAPI` and `stream` let the viewer fetch and stream originals.
protocol.registerSchemesAsPrivileged([
  {
    scheme: HEARTH_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
  },
]);

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: HearthTray | null = null;
let quickPrompt: QuickPromptWindow | null = null;
/** The quick prompt's shortcut and whether it could be registered (logged; the renderer can show it later). */
let shortcut: ShortcutRegistration | null = null;
let quitting = false;

/** Files from the OS that arrive before the core is ready (a file dropped on the Dock icon launches Hearth). */
const pendingFiles: string[] = [];
let onFiles: (paths: string[]) => void = (paths) => void pendingFiles.push(...paths);

function log(level: 'info' | 'warn' | 'error', details: Record<string, unknown>, message: string): void {
  if (core) core.logger[level](details, message);
  else process.stderr.write(`hearth: ${message} ${JSON.stringify(details)}\n`);
}

/** The shortcut the user chose; Settings has no field for it yet, so an environment variable can override. */
function quickPromptAccelerator(): string {
  return process.env.HEARTH_QUICK_PROMPT_SHORTCUT || DEFAULT_QUICK_PROMPT_SHORTCUT;
}

function openMainWindow(dataRoot: string): BrowserWindow {
  const window = createMainWindow({
    preloadPath,
    rendererUrl,
    stateFile: join(dataRoot, WINDOW_STATE_FILE),
    onSaveError: (error) => log('warn', { err: error }, 'could not save the window state'),
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    // Elsewhere closing the main window quits (the hidden quick prompt would otherwise keep Hearth alive);
    // on macOS Hearth stays in the menu bar.
    if (!isMac) app.quit();
  });
  return window;
}

function showMainWindow(): void {
  if (!core) return;
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = openMainWindow(core.paths.root);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function confirmExternal(url: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox(externalLinkConfirmation(url));
  return response === 0;
}

/** Disposes the core, then exits: the smoke test's end, and the way out when start fails. */
async function exitWith(code: number): Promise<void> {
  quitting = true;
  quickPrompt?.dispose();
  await core?.dispose().catch(() => undefined);
  app.exit(code);
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    if (smokeTest) process.stdout.write(`${SMOKE_FAILED} another Hearth is running\n`);
    app.exit(smokeTest ? 1 : 0);
    return;
  }
  // A second launch (`open -n`, a CLI call, a file opened with Hearth) hands its files to this instance.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    showMainWindow();
    onFiles(filesFromArgv(argv, workingDirectory, { defaultApp: process.defaultApp }));
  });
  await app.whenReady();
  hardenSession(session.defaultSession, { appUrl: rendererUrl });
  app.setAboutPanelOptions(aboutPanelOptions(app.getVersion()));

  core = await createCore({
    mode: 'desktop',
    dataDir: resolveDataDir(),
    defaultDataDir: resolveDataDir({ env: {} }),
    appVersion: app.getVersion(),
    node: { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } },
    watchdogPath: unpacked('watchdog.cjs'),
    inferenceWorker: { entry: unpacked('inferenceWorker.mjs') },
    parseWorker: { entry: unpacked('parseWorker.mjs') },
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
  const readyCore = core;
  registerIpcRouter(ipcMain, readyCore, rendererUrl);
  ipcMain.on(DESKTOP_CHANNEL, (event, message: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null, rendererUrl)) return;
    const request = parseDesktopRequest(message);
    if (request?.action === 'hide-quick-prompt') quickPrompt?.hide();
    if (request?.action === 'show-quick-prompt') quickPrompt?.show();
    if (request?.action === 'open-in-main') {
      quickPrompt?.hide();
      showMainWindow();
      // Same document, new fragment: a hash change, not a reload.
      void mainWindow?.webContents.loadURL(`${rendererUrl}${request.hash}`);
    }
    if (request?.action === 'reveal-original') {
      revealOriginal(request.documentId, {
        sourcePath: (id) => {
          const doc = readyCore.documents.getDocument(id);
          if (!doc) throw new Error('That document is no longer in the library.');
          return doc.sourcePath;
        },
        copy: (id) => copyOriginal(id, { open: (d) => readyCore.library.openOriginal(d), tempDir: originalsTempDir() }),
        showItemInFolder: (path) => shell.showItemInFolder(path),
      }).catch((error: unknown) => {
        log('warn', { err: error instanceof Error ? error.message : String(error) }, 'could not reveal an original');
        dialog.showErrorBox('Hearth could not show the file', error instanceof Error ? error.message : '');
      });
    }
  });

  // Bytes out: `hearth://original/<documentId>` for the viewer (ARCHITECTURE.md).
  protocol.handle(HEARTH_SCHEME, (request) =>
    originalResponse(request, {
      openOriginal: async (documentId) => {
        const doc = readyCore.documents.getDocument(documentId);
        if (!doc?.objectKey) return null;
        const original = await readyCore.library.openOriginal(documentId);
        return {
          body: Readable.toWeb(Readable.from(original.stream)) as ReadableStream<Uint8Array<ArrayBuffer>>,
          contentType: originalContentType(original.type).contentType,
          size: original.size,
        };
      },
    }),
  );

  const keepAwake = createKeepAwake(powerSaveBlocker);
  const activity = new IngestionActivity({
    keepAwakeWhile: (active) => keepAwake.keepAwakeWhile(active),
    onChange: () => tray?.refresh(),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });

  readyCore.events.on(
    'library.progress',
    followIngestion((status) => activity.update(status)),
  );

  onFiles = (paths) =>
    void ingestPaths(paths, {
      ingest: async (accepted) => {
        await readyCore.library.ingest({ paths: accepted });
      },
      showMainWindow,
      log: (message, details) => readyCore.logger.error(details, message),
    });

  quickPrompt = new QuickPromptWindow({
    preloadPath,
    rendererUrl,
    trayBounds: () => tray?.bounds() ?? null,
    // Give the keyboard back to the app the user came from, unless Hearth's own window is in use.
    onHidden: () => {
      if (isMac && !quitting && !mainWindow?.isVisible()) app.hide();
    },
  });
  shortcut = registerQuickPromptShortcut(globalShortcut, () => quickPrompt?.toggle(), quickPromptAccelerator());
  readyCore.logger[shortcut.registered ? 'info' : 'warn']({ ...shortcut }, 'quick prompt shortcut');
  const shownAccelerator = shortcut.registered ? shortcut.accelerator : null;

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate({
        isMac,
        quickPromptAccelerator: shownAccelerator,
        showQuickPrompt: () => quickPrompt?.show(),
        showLogs: () => void shell.openPath(readyCore.paths.logs),
      }),
    ),
  );
  tray = createTray({
    // In the app this is inside app.asar (electron-builder `files`); nativeImage reads from asar.
    iconPath: join(app.getAppPath(), 'resources', 'trayTemplate.png'),
    getState: () => ({
      quickPromptAccelerator: shownAccelerator,
      status: activity.status,
      launchAtLogin: app.getLoginItemSettings().openAtLogin,
    }),
    actions: {
      showQuickPrompt: () => quickPrompt?.show(),
      openHearth: showMainWindow,
      setLaunchAtLogin: (enabled) => {
        app.setLoginItemSettings({ openAtLogin: enabled });
        tray?.refresh();
      },
      quit: () => app.quit(),
    },
    onDropFiles: (paths) => onFiles(paths),
  });

  mainWindow = openMainWindow(readyCore.paths.root);
  const firstLoad = waitForFirstLoad(mainWindow.webContents, SMOKE_TIMEOUT_MS);

  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    // On macOS Hearth keeps running in the menu bar with no window.
    if (!isMac) app.quit();
  });
  app.on('before-quit', (event) => {
    quickPrompt?.dispose();
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    keepAwake.dispose();
    tray?.dispose();
    void readyCore.dispose().finally(() => app.quit());
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());

  // Files this launch was given, then those that arrived while starting.
  onFiles([...filesFromArgv(process.argv, process.cwd(), { defaultApp: process.defaultApp }), ...pendingFiles]);
  pendingFiles.length = 0;

  if (smokeTest) {
    const outcome = await firstLoad;
    process.stdout.write(outcome.ok ? `${SMOKE_OK}\n` : `${SMOKE_FAILED} ${outcome.reason}\n`);
    await exitWith(outcome.ok ? 0 : 1);
  }
}

/** Private copies of originals handed to other apps (the object store has no path to give them). */
function originalsTempDir(): string {
  return join(app.getPath('temp'), 'Hearth originals');
}

// Registered before `ready`: every webContents Hearth ever creates is hardened as it is created.
app.on('web-contents-created', (_event, contents) =>
  hardenWebContents(contents, {
    appUrl: rendererUrl,
    confirmExternal,
    openExternal: (url) => shell.openExternal(url),
    openOriginal: (url) => {
      const parsed = parseOriginalUrl(url);
      if (!parsed.ok || !core) return false;
      const ready = core;
      openOriginalFile(parsed.documentId, {
        open: (id) => ready.library.openOriginal(id),
        tempDir: originalsTempDir(),
        openPath: (path) => shell.openPath(path),
      }).catch((error: unknown) => {
        log('warn', { err: error instanceof Error ? error.message : String(error) }, 'could not open an original');
        dialog.showErrorBox('Hearth could not open the original', error instanceof Error ? error.message : '');
      });
      return true;
    },
    log: (message, url) => log('warn', { url }, message),
  }),
);
// Before `ready` too: a file dropped on the Dock icon may be what launched Hearth.
app.on('open-file', (event, path) => {
  event.preventDefault();
  onFiles([path]);
});

start().catch((error: unknown) => {
  log('error', { err: error instanceof Error ? error.message : String(error) }, 'Hearth failed to start');
  if (smokeTest) process.stdout.write(`${SMOKE_FAILED} ${error instanceof Error ? error.message : String(error)}\n`);
  else dialog.showErrorBox('Hearth could not start', error instanceof Error ? error.message : String(error));
  void exitWith(1);
});
