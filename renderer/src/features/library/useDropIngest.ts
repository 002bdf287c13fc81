import { useEffect, useState } from 'react';
import { filesHavePaths, pathForFile } from '@/ipc/filePaths';
import type { DroppedItem } from './walkDroppedEntries';
import { walkDroppedEntries } from './walkDroppedEntries';
import { useIngestStore } from './libraryStores';
import { useToastStore } from '@/store/useToastStore';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * What was dropped, read while the drop event lasts (the DataTransfer is emptied after it). Entries let folders be
 * walked; a browser gives none for files a page built itself, so the bare File is kept then.
 */
function collectDropped(data: DataTransfer): DroppedItem<File>[] {
  const items: DroppedItem<File>[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) {
      items.push({ entry });
      continue;
    }
    const file = item.getAsFile();
    if (file) items.push({ file, name: file.name });
  }
  if (items.length === 0) for (const file of Array.from(data.files)) items.push({ file, name: file.name });
  return items;
}

async function ingestDropped(items: DroppedItem<File>[]): Promise<void> {
  const toasts = useToastStore.getState();
  const { files, skipped, truncated, unreadable } = await walkDroppedEntries(items);
  if (unreadable.length > 0) {
    toasts.push({
      tone: 'warning',
      title: `${String(unreadable.length)} dropped item${unreadable.length === 1 ? '' : 's'} could not be read`,
      message: unreadable.slice(0, 3).join(', '),
    });
  }
  if (truncated) {
    toasts.push({ tone: 'warning', title: `Only the first ${String(files.length)} files are added at once` });
  }
  if (files.length === 0) {
    toasts.push({
      tone: 'info',
      title: 'Nothing to add',
      message: skipped > 0 ? 'Only hidden or system files were dropped.' : 'The dropped folders hold no files.',
    });
    return;
  }
  useIngestStore.getState().addFiles(files.map(({ file }) => ({ file, name: file.name })));
}

/**
 * The whole window takes dropped files and folders, on every screen: returns whether files are being dragged over
 * it (for the overlay). A drop zone of its own (the Models screen's, for .gguf files) wins by calling
 * preventDefault first; the window then stays out of it.
 */
export function useDropIngest(enabled: boolean): boolean {
  const [active, setActive] = useState(false);

  useEffect(() => {
    if (!enabled) return undefined;
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      if (!event.defaultPrevented) event.preventDefault();
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      if (event.defaultPrevented) {
        setActive(false);
        return;
      }
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setActive(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onEnd = () => {
      depth = 0;
      setActive(false);
    };
    const onDrop = (event: DragEvent) => {
      onEnd();
      if (event.defaultPrevented || !event.dataTransfer || !hasFiles(event)) return;
      event.preventDefault();
      if (filesHavePaths()) {
        // Electron: real paths, folders included; the core walks them.
        const paths = Array.from(event.dataTransfer.files, pathForFile).filter(Boolean);
        useIngestStore.getState().addPaths(paths);
      } else {
        void ingestDropped(collectDropped(event.dataTransfer));
      }
      if (location.hash !== '#/library') location.hash = '#/library';
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragend', onEnd);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragend', onEnd);
      window.removeEventListener('drop', onDrop);
    };
  }, [enabled]);

  return enabled && active;
}
