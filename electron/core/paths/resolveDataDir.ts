import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Options for where Hearth keeps its data. */
export interface DataDirOptions {
  /** The environment to read `HEARTH_HOME` from. */
  env?: NodeJS.ProcessEnv;
  /** `process.platform` by default. */
  platform?: NodeJS.Platform;
  /** The user's home directory. */
  home?: string;
}

/** `$HEARTH_HOME`, else the macOS default (`~/Library/Application Support/Hearth`) or the XDG equivalent. */
export function resolveDataDir(options: DataDirOptions = {}): string {
  const env = options.env ?? process.env;
  const override = env['HEARTH_HOME'];
  if (override && override.trim() !== '') return resolve(override);
  const home = options.home ?? homedir();
  switch (options.platform ?? process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Hearth');
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Hearth');
    default:
      return join(env['XDG_DATA_HOME'] ?? join(home, '.local', 'share'), 'hearth');
  }
}

/** The fixed layout under the data dir (ARCHITECTURE.md, Data). */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    settings: join(dataDir, 'settings.json'),
    catalog: join(dataDir, 'catalog.db'),
    chroma: join(dataDir, 'chroma'),
    objects: join(dataDir, 'objects'),
    models: join(dataDir, 'models'),
    logs: join(dataDir, 'logs'),
    audit: join(dataDir, 'audit'),
    telemetry: join(dataDir, 'telemetry'),
    run: join(dataDir, 'run'),
    staging: join(dataDir, 'staging'),
    /** Uploads the library took over from staging, until their originals are in the object store. */
    incoming: join(dataDir, 'incoming'),
  } as const;
}
export type DataPaths = ReturnType<typeof dataPaths>;
