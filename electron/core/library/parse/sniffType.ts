import { extname } from 'node:path';
import { HearthError } from '../../../shared/errors';
import type { DocumentType } from './ParsedDocument';
import { sniffZip } from './sniffZip';

/** How many leading bytes decide text versus binary. */
const SNIFF_BYTES = 8192;
/** Above this share of control characters the content is treated as binary. */
const CONTROL_RATIO = 0.1;

const CODE_EXTENSIONS = new Set([
  'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'm', 'mm', 'cs', 'java', 'kt', 'kts', 'scala', 'groovy', 'go', 'rs',
  'swift', 'py', 'pyi', 'rb', 'php', 'pl', 'pm', 'lua', 'r', 'jl', 'dart', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts',
  'cts', 'tsx', 'vue', 'svelte', 'css', 'scss', 'sass', 'less', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'sql', 'yaml',
  'yml', 'toml', 'ini', 'cfg', 'conf', 'xml', 'gradle', 'cmake', 'proto', 'graphql', 'gql', 'hs', 'ml', 'ex', 'exs',
  'erl', 'clj', 'elm', 'zig', 'nim', 'tf', 'dockerfile', 'makefile',
]); // prettier-ignore
const TEXT_KINDS: Record<string, DocumentType> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  csv: 'csv',
  tsv: 'csv',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
};
/** Well-known binary signatures, so the error can say what the file looks like. */
const BINARY_MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF)' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a program (Mach-O)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office file (.doc/.xls), which is not supported' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** The format of an image read with OCR (PNG, JPEG, TIFF in either byte order, WebP), or null. */
export function ocrImageKind(bytes: Uint8Array): 'PNG' | 'JPEG' | 'TIFF' | 'WebP' | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  const riff = startsWith(bytes, [0x52, 0x49, 0x46, 0x46]);
  if (riff && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP') return 'WebP';
  return null;
}

/** HEIC/HEIF: an ISO media `ftyp` box with an image brand (no npm decoder Hearth ships reads them). */
function isHeif(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(4, 12)).toString('latin1');
  return /^ftyp(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(head);
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** True when the first 8 KB look like binary data: a NUL byte or too many control characters. */
function looksBinary(bytes: Uint8Array): boolean {
  if (hasUtf16Bom(bytes)) return false; // UTF-16 text is full of NULs
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are normal in text.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return n > 0 && control / n > CONTROL_RATIO;
}

/** Header fields that only a mail message starts with (a notes file may start with "Title:" or "Date:"). */
const MAIL_HEADER = /^(from|received|return-path|mime-version|message-id|delivered-to|x-mailer):/i;

/**
 * True when the text opens with an RFC 5322 header block: at least three `Name: value` fields (continuation lines
 * allowed), one of them a mail-only field, ended by a blank line within the first 8 KB.
 */
function looksLikeEmail(head: string): boolean {
  const lines = head.split(/\r?\n/);
  let fields = 0;
  let mailField = false;
  for (const line of lines) {
    if (line === '') return fields >= 3 && mailField;
    if (/^[ \t]/.test(line) && fields > 0) continue;
    if (!/^[!-9;-~]+:/.test(line)) return false;
    fields++;
    if (MAIL_HEADER.test(line)) mailField = true;
  }
  return false;
}

/** The lower-case extension without the dot; bare names such as `Makefile` count as their own extension. */
function extensionOf(name: string): string {
  const ext = extname(name).slice(1).toLowerCase();
  return ext === '' ? name.toLowerCase().replace(/^.*[\\/]/, '') : ext;
}

/**
 * Decides the document type from the bytes, using the file name only to tell text kinds apart once the content is
 * known to be text. Throws UNSUPPORTED_FILE for binary content, whatever the file is called.
 */
export function sniffType(bytes: Uint8Array, name: string): DocumentType {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const kind = sniffZip(bytes);
    if (kind === null) throw new HearthError('UNSUPPORTED_FILE', 'This ZIP archive is damaged and cannot be read.');
    return kind;
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (ocrImageKind(bytes)) return 'image';
  if (isHeif(bytes)) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      'This is a HEIC/HEIF image, which Hearth cannot decode: export it as JPEG or PNG.',
    );
  }
  for (const magic of BINARY_MAGIC) {
    if (startsWith(bytes, magic.bytes)) throw new HearthError('UNSUPPORTED_FILE', `This file is ${magic.what}.`);
  }
  if (looksBinary(bytes)) {
    throw new HearthError('UNSUPPORTED_FILE', 'This file contains binary data, not text, so Hearth cannot read it.');
  }
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString('latin1');
  // mbox: messages each after a "From " separator line; the first one opens the file.
  if (/^From \S/.test(head) && looksLikeEmail(head.slice(head.indexOf('\n') + 1))) return 'email';
  if (looksLikeEmail(head)) return 'email';
  const ext = extensionOf(name);
  return TEXT_KINDS[ext] ?? (CODE_EXTENSIONS.has(ext) ? 'code' : 'text');
}
