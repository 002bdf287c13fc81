import { IDLE, type IngestionStatus } from './IngestionStatus';

/** What follows a change of ingestion status in the desktop shell. */
export interface IngestionActivityOptions {
  /** Keeps the system awake while a batch runs (`createKeepAwake`). */
  keepAwakeWhile: (active: boolean) => void;
  /** Called on every change, e.g. to rebuild the tray menu's status line. */
  onChange: (status: IngestionStatus) => void;
  /** Shows a system notification (Electron's `Notification`), here when a batch finishes. */
  notify: (title: string, body: string) => void;
}

/**
 * The shell's view of ingestion: the tray's status line reads it, the power blocker follows it, and a batch that
 * finishes says so in a notification. The core's ingestion progress is fed in through `update`.
 */
export class IngestionActivity {
  #status: IngestionStatus = IDLE;
  readonly #options: IngestionActivityOptions;

  constructor(options: IngestionActivityOptions) {
    this.#options = options;
  }

  /** The status now (the tray's `getStatus()`). */
  get status(): IngestionStatus {
    return this.#status;
  }

  update(status: IngestionStatus): void {
    const previous = this.#status;
    if (
      previous.kind === status.kind &&
      (status.kind === 'idle' ||
        (previous.kind === 'indexing' && previous.done === status.done && previous.total === status.total))
    ) {
      return;
    }
    this.#status = status;
    this.#options.keepAwakeWhile(status.kind === 'indexing');
    this.#options.onChange(status);
    if (previous.kind === 'indexing' && status.kind === 'idle') {
      const n = previous.total;
      this.#options.notify('Hearth finished indexing', `${n} ${n === 1 ? 'file is' : 'files are'} ready to ask about.`);
    }
  }
}
