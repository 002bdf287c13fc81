/**
 * Dropped folders in a browser: `DataTransferItem.webkitGetAsEntry()` gives a tree of entries that has to be read
 * by callbacks. Kept free of DOM types (structural shapes of FileSystemEntry) so it can be unit-tested with fakes.
 */
export interface DropEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
}

interface DropFileEntry<F> extends DropEntry {
  file(success: (file: F) => void, error?: (err: unknown) => void): void;
}

interface DropDirectoryEntry extends DropEntry {
  createReader(): { readEntries(success: (entries: DropEntry[]) => void, error?: (err: unknown) => void): void };
}

/** One top-level dropped thing: an entry (file or folder), or a bare file when the browser gave no entry. */
export type DroppedItem<F> = { entry: DropEntry } | { file: F; name: string };

interface WalkedFile<F> {
  file: F;
  /** Where it sat in what was dropped ("notes/2024/a.md"); the file's own name for a top-level file. */
  path: string;
}

export interface WalkResult<F> {
  files: WalkedFile<F>[];
  /** Hidden and system files and folders that were left out. */
  skipped: number;
  /** More files than `limit`: the rest were left out. */
  truncated: boolean;
  /** Files or folders the browser could not read. */
  unreadable: string[];
}

const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', 'icon\r']);

/** Dot-files and folders (.DS_Store, .git) and the system's own clutter are never documents. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase());
}

function readFile<F>(entry: DropEntry): Promise<F> {
  return new Promise((resolve, reject) => {
    (entry as DropFileEntry<F>).file(resolve, reject);
  });
}

/** All children of a folder: `readEntries` answers in pages (100 in Chromium) until it returns none. */
async function readChildren(entry: DropEntry): Promise<DropEntry[]> {
  const reader = (entry as DropDirectoryEntry).createReader();
  const all: DropEntry[] = [];
  for (;;) {
    const page = await new Promise<DropEntry[]>((resolve, reject) => {
      reader.readEntries(resolve, reject);
    });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** Every file in what was dropped, depth first, hidden ones skipped, at most `limit`. */
export async function walkDroppedEntries<F>(items: readonly DroppedItem<F>[], limit = 10_000): Promise<WalkResult<F>> {
  const result: WalkResult<F> = { files: [], skipped: 0, truncated: false, unreadable: [] };
  const full = () => {
    if (result.files.length < limit) return false;
    result.truncated = true;
    return true;
  };

  const visit = async (entry: DropEntry, path: string): Promise<void> => {
    if (isHiddenName(entry.name)) {
      result.skipped += 1;
      return;
    }
    if (full()) return;
    try {
      if (entry.isFile) {
        result.files.push({ file: await readFile<F>(entry), path });
      } else if (entry.isDirectory) {
        for (const child of await readChildren(entry)) await visit(child, `${path}/${child.name}`);
      }
    } catch {
      result.unreadable.push(path);
    }
  };

  for (const item of items) {
    if ('entry' in item) await visit(item.entry, item.entry.name);
    else if (isHiddenName(item.name)) result.skipped += 1;
    else if (!full()) result.files.push({ file: item.file, path: item.name });
  }
  return result;
}
