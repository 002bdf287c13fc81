import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the command line was laid out. */
export interface FilesFromArgvOptions {
  /**
   * True when Hearth runs as `electron <app dir> …` (Electron's `process.defaultApp`, a source checkout): then
   * argv[1] is the app, not a file. The packaged app has only its executable before the arguments.
   */
  defaultApp?: boolean;
}

/**
 * The files a launch was given (a second launch passes its argv to the running instance): everything after the
 * executable (and the app path in development) that is not a flag, resolved against that launch's `cwd`.
 * Flags are skipped because Chromium adds its own switches to a second instance's argv; after `--` every
 * argument is a path. `file:` URLs become paths; other URLs (e.g. `hearth:` links) are not files.
 */
export function filesFromArgv(argv: readonly string[], cwd: string, options: FilesFromArgvOptions = {}): string[] {
  const files: string[] = [];
  let onlyPaths = false;
  for (const arg of argv.slice(options.defaultApp ? 2 : 1)) {
    if (!onlyPaths && arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '' || (!onlyPaths && arg.startsWith('-'))) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      if (arg.toLowerCase().startsWith('file://')) {
        try {
          files.push(fileURLToPath(arg));
        } catch {
          // A file URL for another OS (or with a host) is not a local path.
        }
      }
      continue;
    }
    files.push(resolve(cwd, arg));
  }
  return [...new Set(files)];
}
