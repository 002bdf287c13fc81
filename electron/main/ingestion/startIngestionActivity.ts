import type { Core } from '../../core/Core';
import { createKeepAwake, type PowerSaveBlockerLike } from '../power/createKeepAwake';
import { followIngestion } from './followIngestion';
import { IngestionActivity } from './IngestionActivity';

/** What the desktop shell's view of ingestion listens to and drives. */
export interface StartIngestionActivityOptions {
  /** The core's events; `library.progress` is followed. */
  events: Pick<Core['events'], 'on'>;
  /** Electron's `powerSaveBlocker`: the Mac stays awake while a batch runs. */
  powerSaveBlocker: PowerSaveBlockerLike;
  /** Shows a system notification (when a batch finishes). */
  notify: (title: string, body: string) => void;
  /** Called on every change of status (the tray rebuilds its menu). */
  onChange: () => void;
}

/** The shell's ingestion status, fed by the core's progress events, and how to stop holding the Mac awake. */
export interface IngestionActivityHandle {
  activity: IngestionActivity;
  /** Releases the power blocker (app quit). */
  stop(): void;
}

/** Follows the core's ingestion for the tray's status line, the keep-awake blocker and the "finished" notification. */
export function startIngestionActivity(options: StartIngestionActivityOptions): IngestionActivityHandle {
  const keepAwake = createKeepAwake(options.powerSaveBlocker);
  const activity = new IngestionActivity({
    keepAwakeWhile: (active) => keepAwake.keepAwakeWhile(active),
    onChange: () => options.onChange(),
    notify: options.notify,
  });
  options.events.on(
    'library.progress',
    followIngestion((status) => activity.update(status)),
  );
  return { activity, stop: () => keepAwake.dispose() };
}
