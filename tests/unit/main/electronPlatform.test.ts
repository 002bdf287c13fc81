import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronPlatform } from '../../../electron/main/electronPlatform';

const app = '/Applications/Hearth.app/Contents/Resources';
const packaged = {
  bundleDir: `${app}/app.asar/dist/electron`,
  isPackaged: true,
  appVersion: '1.4.0',
  resourcesPath: app,
  execPath: '/Applications/Hearth.app/Contents/MacOS/Hearth',
  os: { platform: 'darwin' as const, arch: 'arm64', nodeVersion: '24.11.1' },
  env: { HOME: '/Users/ada' },
};

describe('electronPlatform', () => {
  it('runs child scripts from app.asar.unpacked with the Node bundled in Resources, never Electron as Node', () => {
    const platform = electronPlatform(packaged);
    const unpacked = `${app}/app.asar.unpacked/dist/electron`;
    expect(platform.mode).toBe('desktop');
    expect(platform.appVersion).toBe('1.4.0');
    // The runAsNode fuse is off in the packaged app: ELECTRON_RUN_AS_NODE would do nothing there.
    expect(platform.node).toEqual({ command: `${app}/bin/node` });
    expect(platform.watchdogPath).toBe(`${unpacked}/watchdog.cjs`);
    expect(platform.inferenceWorker).toEqual({ entry: `${unpacked}/inferenceWorker.mjs` });
    expect(platform.parseWorker).toEqual({ entry: `${unpacked}/parseWorker.mjs` });
    expect(platform.sidecars.devServerScript).toBe(`${unpacked}/devS3Server.mjs`);
    expect(platform.sidecars.chromaCli).toBe(`${app}/app.asar.unpacked/node_modules/chromadb/dist/cli.mjs`);
  });

  it('runs the MinIO bundled in Resources when packaged, and never the dev S3 server', () => {
    const { sidecars } = electronPlatform(packaged);
    expect(sidecars.minioBinary).toBe(`${app}/bin/minio`);
    expect(sidecars.allowDevServer).toBe(false);
  });

  it('takes MinIO from native/bin/<platform>-<arch> in a source checkout, where the dev server may stand in', () => {
    const checkout = '/home/ada/hearth';
    const { sidecars, watchdogPath } = electronPlatform({
      ...packaged,
      bundleDir: join(checkout, 'dist', 'electron'),
      isPackaged: false,
      resourcesPath: '/unused',
      os: { platform: 'linux', arch: 'x64', nodeVersion: '24.11.1' },
    });
    expect(sidecars.minioBinary).toBe(join(checkout, 'native', 'bin', 'linux-x64', 'minio'));
    expect(sidecars.allowDevServer).toBe(true);
    expect(sidecars.chromaCli).toBe(join(checkout, 'node_modules', 'chromadb', 'dist', 'cli.mjs'));
    expect(watchdogPath).toBe(join(checkout, 'dist', 'electron', 'watchdog.cjs'));
  });

  it('runs child scripts with Electron as Node in a source checkout, whose Electron has no fuses flipped', () => {
    const checkout = electronPlatform({ ...packaged, bundleDir: '/home/ada/hearth/dist/electron', isPackaged: false });
    expect(checkout.node).toEqual({ command: packaged.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
  });

  it('reports the OS it was given and allows the keychain file fallback only on Linux', () => {
    const mac = electronPlatform(packaged);
    expect(mac.os).toEqual(packaged.os);
    expect(mac.keychainFileFallback).toBe(false);
    const win = electronPlatform({ ...packaged, os: { platform: 'win32', arch: 'x64', nodeVersion: '24.11.1' } });
    expect(win.keychainFileFallback).toBe(false);
    const linux = electronPlatform({ ...packaged, os: { platform: 'linux', arch: 'x64', nodeVersion: '24.11.1' } });
    expect(linux.keychainFileFallback).toBe(true);
  });

  it("keeps data in the OS's app-data folder unless HEARTH_HOME overrides it; the default ignores the override", () => {
    const mac = electronPlatform({ ...packaged, env: {} });
    expect(mac.dataDir).toBe(mac.defaultDataDir);
    expect(mac.dataDir.endsWith(join('Library', 'Application Support', 'Hearth'))).toBe(true);
    const custom = electronPlatform({ ...packaged, env: { HEARTH_HOME: '/Volumes/Data/hearth' } });
    expect(custom.dataDir).toBe('/Volumes/Data/hearth');
    expect(custom.defaultDataDir).toBe(mac.defaultDataDir);
  });

  it("defaults to this process's OS, runtime and binary", () => {
    const platform = electronPlatform({ ...packaged, isPackaged: false, os: undefined, execPath: undefined });
    expect(platform.os).toEqual({ platform: process.platform, arch: process.arch, nodeVersion: process.versions.node });
    expect(platform.node.command).toBe(process.execPath);
  });
});
