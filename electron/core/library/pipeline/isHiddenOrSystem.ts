/** Names the OS or file managers leave behind, never documents. */
const SYSTEM_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', 'Icon\r', '__MACOSX']);

/** True for dot-files and OS litter, which a dropped or watched folder should not turn into documents. */
export function isHiddenOrSystem(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name);
}
