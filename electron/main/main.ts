import { join } from 'node:path';
import { app, dialog, globalShortcut, protocol, session, shell } from 'electron';
import { createCore, type Core } from '../core/createCore';
import { electronPlatform } from './electronPlatform';
import { filesFromArgv } from './files/filesFromArgv';
import { ingestPaths } from './ingestPaths';
import { AppShutdown } from './lifecycle/AppShutdown';
import { claimSingleInstance } from './lifecycle/claimSingleInstance';
import { FileInbox } from './lifecycle/FileInbox';
import { aboutPanelOptions } from './menu/aboutPanelOptions';
import { openOriginalFile } from './protocol/openOriginalFile';
import { parseOriginalUrl } from '../shared/originalUrl';
import { APP_URL } from './protocol/appScheme';
import { registerHearthScheme } from './protocol/registerHearthScheme';
import { serveApp } from './protocol/serveApp';
import { externalLinkConfirmation } from './security/externalLinkConfirmation';
import { hardenSession } from './security/hardenSession';
import { hardenWebContents } from './security/hardenWebContents';
import { SMOKE_FAILED, SMOKE_OK, SMOKE_TEST_FLAG, waitForFirstLoad } from './smokeTest';
import { startDesktopShell, type DesktopShell } from './startDesktopShell';

// The app's entry and lifecycle: what must happen before `ready`, then the core, then the desktop shell around it
// (startDesktopShell), and every way out (AppShutdown).
// Bundled layout (scripts/build.mjs): dist/electron/{main.cjs,preload.cjs,watchdog.cjs}, dist/renderer/.
// The UI is served from app://hearth/ (never file://): an origin of its own that no other file on disk shares.
const rendererDir = join(__dirname, '..', 'renderer');
const rendererUrl = APP_URL;
const preloadPath = join(__dirname, 'preload.cjs');
const isMac = process.platform === 'darwin';
const smokeTest = process.argv.includes(SMOKE_TEST_FLAG);
/** How long the smoke test waits for the UI before failing (a cold CI runner starts sidecars first). */
const SMOKE_TIMEOUT_MS = 90_000;

let core: Core | null = null;
let desktop: DesktopShell | null = null;
const shutdown = new AppShutdown(app);
const inbox = new FileInbox();
const showMainWindow = () => desktop?.mainWindow.show();

function log(level: 'info' | 'warn' | 'error', details: Record<string, unknown>, message: string): void {
  if (core) core.logger[level](details, message);
  else process.stderr.write(`hearth: ${message} ${JSON.stringify(details)}\n`);
}

/** Logs a failed desktop action and tells the user in a dialog. */
function reportFailure(logMessage: string, title: string, error: unknown): void {
  log('warn', { err: error instanceof Error ? error.message : String(error) }, logMessage);
  dialog.showErrorBox(title, error instanceof Error ? error.message : '');
}

/** Private copies of originals handed to other apps (the object store has no path to give them). */
const originalsTempDir = () => join(app.getPath('temp'), 'Hearth originals');

async function start(): Promise<void> {
  const claimed = claimSingleInstance(app, {
    smokeTest,
    report: (line) => process.stdout.write(`${line}\n`),
    onSecondInstance: (argv, workingDirectory) => {
      showMainWindow();
      inbox.receive(filesFromArgv(argv, workingDirectory, { defaultApp: process.defaultApp }));
    },
  });
  if (!claimed) return;
  await app.whenReady();
  hardenSession(session.defaultSession, { appUrl: rendererUrl });
  serveApp(protocol, rendererDir);
  app.setAboutPanelOptions(aboutPanelOptions(app.getVersion()));

  core = await createCore(
    electronPlatform({
      bundleDir: __dirname,
      isPackaged: app.isPackaged,
      appVersion: app.getVersion(),
      resourcesPath: process.resourcesPath,
    }),
  );
  const readyCore = core;
  shutdown.disposeOnQuit(readyCore);
  desktop = startDesktopShell(readyCore, {
    preloadPath,
    rendererUrl,
    isMac,
    shutdown,
    originalsTempDir,
    onDropFiles: (paths) => inbox.receive(paths),
    reportFailure,
  });
  const firstLoad = waitForFirstLoad(desktop.mainWindow.open().webContents, SMOKE_TIMEOUT_MS);

  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    // On macOS Hearth keeps running in the menu bar with no window.
    if (!isMac) app.quit();
  });
  app.on('before-quit', (event) => shutdown.beforeQuit(event));
  app.on('will-quit', () => globalShortcut.unregisterAll());

  // Files this launch was given, then those that arrived while starting.
  inbox.open(
    (paths) =>
      void ingestPaths(paths, {
        ingest: async (accepted) => {
          await readyCore.library.ingest({ paths: accepted });
        },
        showMainWindow,
        log: (message, details) => readyCore.logger.error(details, message),
      }),
    filesFromArgv(process.argv, process.cwd(), { defaultApp: process.defaultApp }),
  );

  if (smokeTest) {
    const outcome = await firstLoad;
    process.stdout.write(outcome.ok ? `${SMOKE_OK}\n` : `${SMOKE_FAILED} ${outcome.reason}\n`);
    await shutdown.exitWith(outcome.ok ? 0 : 1);
  }
}

// Before `ready`: Electron accepts privileged schemes only then.
registerHearthScheme(protocol);
// Registered before `ready`: every webContents Hearth ever creates is hardened as it is created.
app.on('web-contents-created', (_event, contents) =>
  hardenWebContents(contents, {
    appUrl: rendererUrl,
    confirmExternal: async (url) => (await dialog.showMessageBox(externalLinkConfirmation(url))).response === 0,
    openExternal: (url) => shell.openExternal(url),
    openOriginal: (url) => {
      const parsed = parseOriginalUrl(url);
      if (!parsed.ok || !core) return false;
      const ready = core;
      openOriginalFile(parsed.documentId, {
        open: (id) => ready.library.openOriginal(id),
        tempDir: originalsTempDir(),
        openPath: (path) => shell.openPath(path),
      }).catch((error: unknown) =>
        reportFailure('could not open an original', 'Hearth could not open the original', error),
      );
      return true;
    },
    log: (message, url) => log('warn', { url }, message),
  }),
);
// Before `ready` too: a file dropped on the Dock icon may be what launched Hearth.
app.on('open-file', (event, path) => {
  event.preventDefault();
  inbox.receive([path]);
});

start().catch((error: unknown) => {
  log('error', { err: error instanceof Error ? error.message : String(error) }, 'Hearth failed to start');
  if (smokeTest) process.stdout.write(`${SMOKE_FAILED} ${error instanceof Error ? error.message : String(error)}\n`);
  else dialog.showErrorBox('Hearth could not start', error instanceof Error ? error.message : String(error));
  void shutdown.exitWith(1);
});
