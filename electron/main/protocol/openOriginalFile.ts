import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** What opening an original needs (injected: the core's library, the OS shell). */
export interface OpenOriginalFileDeps extends CopyOriginalDeps {
  /** Opens a file with the user's default app (`shell.openPath`); resolves to an error message or ''. */
  openPath: (path: string) => Promise<string>;
}

/** A file name safe on every file system, keeping the extension the default app is chosen by. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_')
    .replace(/^\.+/, '')
    .trim();
  return cleaned.slice(-200) || 'original';
}

/** Where a private copy of an original is written (injected: the core's library). */
export interface CopyOriginalDeps {
  /** The original's bytes, name and sniffed type (`pdf`, `text`, `code`…), or an error for an unknown document. */
  open: (documentId: string) => Promise<{ stream: NodeJS.ReadableStream; name: string; type: string }>;
  /** A folder for the temporary copy. */
  tempDir: string;
}

/**
 * The extension a copy gets from its sniffed type, never from its own name: a text file called `invoice.bat` or
 * `setup.command` must open in an editor, not run. Types opened by a document viewer keep theirs.
 */
const SAFE_EXTENSION: Record<string, string> = {
  pdf: 'pdf',
  docx: 'docx',
  pptx: 'pptx',
  xlsx: 'xlsx',
  ods: 'ods',
  odt: 'odt',
  epub: 'epub',
  rtf: 'rtf',
  markdown: 'md',
  csv: 'csv',
  json: 'json',
};

/** The copy's name: the original name, with the type's safe extension added unless it already ends with it. */
export function copyName(name: string, type: string): string {
  const extension = SAFE_EXTENSION[type] ?? 'txt';
  const safe = safeFileName(name);
  return safe.toLowerCase().endsWith(`.${extension}`) ? safe : safeFileName(`${safe}.${extension}`);
}

/** Writes a private copy of an original (0600, in its own 0700 folder) under its own name; returns its path. */
export async function copyOriginal(documentId: string, deps: CopyOriginalDeps): Promise<string> {
  const original = await deps.open(documentId);
  await mkdir(deps.tempDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(deps.tempDir, 'original-'));
  const path = join(dir, copyName(original.name, original.type));
  await pipeline(original.stream, createWriteStream(path, { mode: 0o600 }));
  return path;
}

/**
 * "Open original" in the desktop app: the original lives in the object store, not at a path, so a private
 * temporary copy is written and handed to the default app (Preview for a PDF, an editor for code).
 */
export async function openOriginalFile(documentId: string, deps: OpenOriginalFileDeps): Promise<string> {
  const path = await copyOriginal(documentId, deps);
  const error = await deps.openPath(path);
  if (error) throw new Error(error);
  return path;
}
