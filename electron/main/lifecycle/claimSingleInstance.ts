import { SMOKE_FAILED } from '../smokeTest';

/** The part of Electron's `app` this uses (a fake in unit tests). */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  exit(code: number): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

/** What claiming the single instance needs besides Electron's `app`. */
export interface ClaimSingleInstanceOptions {
  /** A smoke-test launch: a second instance is then a failure, not a hand-over. */
  smokeTest: boolean;
  /** Writes a line for the smoke test's reader (stdout). */
  report: (line: string) => void;
  /** A later launch's arguments and working directory, handed to this instance (its files). */
  onSecondInstance: (argv: string[], workingDirectory: string) => void;
}

/**
 * Makes this the only running Hearth: a later launch (`open -n`, a CLI call, a file opened with Hearth) hands its
 * arguments here and exits. Returns false when another Hearth already runs: this process is then exiting.
 */
export function claimSingleInstance(app: SingleInstanceApp, options: ClaimSingleInstanceOptions): boolean {
  if (!app.requestSingleInstanceLock()) {
    if (options.smokeTest) options.report(`${SMOKE_FAILED} another Hearth is running`);
    app.exit(options.smokeTest ? 1 : 0);
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => options.onSecondInstance(argv, workingDirectory));
  return true;
}
