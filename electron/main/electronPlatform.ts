import { join } from 'node:path';
import type { Platform } from '../core/platform';
import { resolveDataDir } from '../core/paths/resolveDataDir';

/** What the desktop platform is built from: Electron's facts, passed in so the builder runs without Electron. */
export interface ElectronPlatformOptions {
  /** The folder of the bundled main script (`__dirname` of `dist/electron/main.cjs`, inside app.asar when packaged). */
  bundleDir: string;
  /** `app.isPackaged`: the packaged app runs its bundled MinIO, a source checkout may use the dev S3 server. */
  isPackaged: boolean;
  /** `app.getVersion()`. */
  appVersion: string;
  /** `process.resourcesPath`: the app's Resources folder, where electron-builder puts extra resources. */
  resourcesPath: string;
  /** The Electron binary, run as Node for child scripts in a source checkout; `process.execPath` by default. */
  execPath?: string;
  /** The OS and runtime; this process's by default. */
  os?: Platform['os'];
  /** The environment the data dir is read from (`HEARTH_HOME`); `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The core's platform in the desktop app (the headless shell's is `nodePlatform`). Scripts that run as separate
 * processes or threads are read from app.asar.unpacked: a child process cannot read inside an asar archive.
 */
export function electronPlatform(options: ElectronPlatformOptions): Platform {
  const os = options.os ?? { platform: process.platform, arch: process.arch, nodeVersion: process.versions.node };
  const env = options.env ?? process.env;
  // Bundled layout (scripts/build.mjs): dist/electron/{main.cjs,watchdog.cjs,…}, with node_modules beside dist/.
  const distDir = join(options.bundleDir, '..');
  const unpacked = (file: string) => unpackedPath(join(options.bundleDir, file));
  return {
    mode: 'desktop',
    dataDir: resolveDataDir({ env, platform: os.platform }),
    defaultDataDir: resolveDataDir({ env: {}, platform: os.platform }),
    appVersion: options.appVersion,
    os,
    // Linux may have no Secret Service at all; macOS and Windows always have a keychain.
    keychainFileFallback: os.platform === 'linux',
    node: childNode(options),
    watchdogPath: unpacked('watchdog.cjs'),
    inferenceWorker: { entry: unpacked('inferenceWorker.mjs') },
    parseWorker: { entry: unpacked('parseWorker.mjs') },
    keywordWorker: { entry: unpacked('keywordWorker.mjs') },
    lspServer: { entry: unpacked('languageServer.mjs') },
    sidecars: {
      // electron-builder puts native/bin/<platform>-<arch>/minio in Resources as an extra resource.
      minioBinary: options.isPackaged
        ? join(options.resourcesPath, 'bin', 'minio')
        : join(distDir, '..', 'native', 'bin', `${os.platform}-${os.arch}`, 'minio'),
      devServerScript: unpacked('devS3Server.mjs'),
      chromaCli: unpackedPath(join(distDir, '..', 'node_modules', 'chromadb', 'dist', 'cli.mjs')),
      // The packaged app always runs its bundled MinIO; the dev server is for source checkouts.
      allowDevServer: !options.isPackaged,
    },
  };
}

/**
 * How child scripts run. The packaged app's runAsNode fuse is off (electron-builder.yml), so they run under the Node
 * shipped in Resources/bin: a separate binary with its own code identity, which cannot borrow Hearth's keychain
 * access. A source checkout's Electron has no fuses flipped and runs them itself, as Node.
 */
function childNode(options: ElectronPlatformOptions): Platform['node'] {
  if (options.isPackaged) return { command: join(options.resourcesPath, 'bin', 'node') };
  return { command: options.execPath ?? process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } };
}

/** Files that run as separate processes must live outside app.asar (electron-builder asarUnpack). */
function unpackedPath(path: string): string {
  return path.replace('app.asar', 'app.asar.unpacked');
}
