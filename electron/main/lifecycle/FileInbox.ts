/**
 * Files the OS hands Hearth (a second launch, the Dock's `open-file`, the tray). Those that arrive before the core
 * is ready wait here (a file dropped on the Dock icon may be what launched Hearth) and follow this launch's own.
 */
export class FileInbox {
  #handler: ((paths: string[]) => void) | null = null;
  readonly #waiting: string[] = [];

  /** Hands `paths` on, or keeps them until `open`. */
  receive(paths: readonly string[]): void {
    if (this.#handler) this.#handler([...paths]);
    else this.#waiting.push(...paths);
  }

  /** From now on files go to `handler`: first `launchFiles` (this launch's arguments), then those that waited. */
  open(handler: (paths: string[]) => void, launchFiles: readonly string[] = []): void {
    this.#handler = handler;
    handler([...launchFiles, ...this.#waiting.splice(0)]);
  }
}
