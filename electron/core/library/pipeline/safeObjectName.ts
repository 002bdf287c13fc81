/** Longest name kept in an object key; S3 keys are at most 1024 bytes and the prefix needs room. */
const MAX_NAME_LENGTH = 200;

/**
 * A file name fit for an object key: user names may hold slashes, newlines, control characters or `..`, none of
 * which should shape the key. Unicode letters are kept so keys stay readable.
 */
function safeObjectName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}/\\]/gu, '_')
    .replace(/^\.+/, '_')
    .trim();
  const limited = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('');
  return limited.length > 0 ? limited : 'file';
}

/** `documents/<docId>/<version>/<safe name>`: one key per content version, so a re-store replaces, never piles up. */
export function objectKeyFor(documentId: string, version: number, name: string): string {
  return `documents/${documentId}/${version}/${safeObjectName(name)}`;
}
