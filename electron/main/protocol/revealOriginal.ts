import { stat } from 'node:fs/promises';

/** What "Show in Finder" needs (injected: the catalogue, the OS shell, the temporary copy). */
export interface RevealOriginalDeps {
  /** The file the document was added from, or null (uploaded from a browser, or unknown id → throw). */
  sourcePath: (documentId: string) => string | null;
  /** Writes a private copy of the original from the object store and returns its path. */
  copy: (documentId: string) => Promise<string>;
  /** Selects the file in a Finder window (`shell.showItemInFolder`). */
  showItemInFolder: (path: string) => void;
}

/** What was shown: the file the document came from, or a copy when that file is gone. */
export interface RevealedOriginal {
  path: string;
  copy: boolean;
}

/**
 * Shows a document's file in Finder. The file it was added from is shown while it still exists (the person expects
 * their own file, not a copy); once it was moved or deleted, the original kept in the object store is copied out and
 * that copy is shown instead.
 */
export async function revealOriginal(documentId: string, deps: RevealOriginalDeps): Promise<RevealedOriginal> {
  const source = deps.sourcePath(documentId);
  if (source && (await isFile(source))) {
    deps.showItemInFolder(source);
    return { path: source, copy: false };
  }
  const path = await deps.copy(documentId);
  deps.showItemInFolder(path);
  return { path, copy: true };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
