import { filterDroppedPaths } from './files/filterDroppedPaths';

/** What handing files to ingestion needs. */
export interface IngestPathsDeps {
  /** Starts ingesting `paths` in the core's library (injected, so that this logic is tested without a core). */
  ingest: (paths: string[]) => Promise<void>;
  /** Brings the main window forward, so the user sees the batch being indexed. */
  showMainWindow: () => void;
  /** Where a failure to start is logged (the per-file errors are the library's). */
  log: (message: string, details: Record<string, unknown>) => void;
}

/**
 * The one entry for files from the OS — a second launch, the dock (`open-file`), the tray (`drop-files`): filters
 * them, shows the main window and starts ingestion. Resolves with the paths it handed on.
 */
export async function ingestPaths(paths: readonly string[], deps: IngestPathsDeps): Promise<string[]> {
  const accepted = filterDroppedPaths(paths);
  if (accepted.length === 0) return accepted;
  deps.showMainWindow();
  try {
    await deps.ingest(accepted);
  } catch (error) {
    deps.log('could not start ingestion', {
      count: accepted.length,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  return accepted;
}
