import { inflateRawSync } from 'node:zlib';
import { HearthError } from '../../../shared/errors';

export interface ZipBounds {
  /** Most entries a document archive may hold. */
  maxEntries: number;
  /** Most bytes all entries together may inflate to. */
  maxInflatedBytes: number;
  /**
   * Most times larger than its compressed size an archive may inflate to, checked once it passes 16 MiB inflated
   * (small parts of real documents can compress far better). Default 400; deflate's ceiling is about 1,000.
   */
  maxRatio?: number;
  /** How deep archives inside archives (a .zip in a .zip, an attachment's archive) may go. Default 3. */
  maxDepth?: number;
}

export const DEFAULT_ZIP_BOUNDS: ZipBounds = {
  maxEntries: 5000,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxRatio: 400,
  maxDepth: 3,
};

/** Inflated size past which the compression ratio is checked. */
const RATIO_FLOOR = 16 * 1024 * 1024;

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function damaged(what: string, reason: string): HearthError {
  return new HearthError('UNSUPPORTED_FILE', `This ${what} is damaged (${reason}).`);
}

function tooBig(what: string): HearthError {
  return new HearthError(
    'UNSUPPORTED_FILE',
    `This ${what} expands to far more data than a real document would, so Hearth did not open it.`,
    { bound: true },
  );
}

/**
 * Zip-bomb defence, run before any unzip library sees the file: reads the central directory, rejects archives whose
 * entry count or declared sizes are over the bounds, then inflates every entry with a hard output cap so a size that
 * lies cannot get past either. Inflation is deterministic, so a later unzip of the same bytes is bounded too.
 * `what` names the kind of file in messages ("Word document", "spreadsheet"). Returns the bytes inflated in all.
 */
export function checkZipBounds(buf: Buffer, bounds: ZipBounds = DEFAULT_ZIP_BOUNDS, what = 'Word document'): number {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === EOCD_SIG) {
      eocd = p;
      break;
    }
  }
  if (eocd === -1) throw damaged(what, 'its table of contents is missing');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw tooBig(what); // ZIP64: no real .docx needs it
  if (entries > bounds.maxEntries) throw tooBig(what);

  const maxRatio = bounds.maxRatio ?? DEFAULT_ZIP_BOUNDS.maxRatio!;
  let declared = 0;
  let inflated = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw damaged(what, 'its table of contents is corrupt');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    declared += size;
    if (size === 0xffffffff || declared > bounds.maxInflatedBytes) throw tooBig(what);
    if (declared > RATIO_FLOOR && declared > maxRatio * buf.length) throw tooBig(what);

    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOC_SIG)
      throw damaged(what, 'an entry is missing');
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) throw damaged(what, 'an entry is cut short');
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) inflated += data.length;
    else if (method === 8) {
      // Allow a little over the declared size so the cap, not a mismatch, decides; any overflow throws RangeError.
      const budget = Math.min(size + 1, bounds.maxInflatedBytes - inflated);
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig(what);
        throw damaged(what, 'an entry cannot be decompressed');
      }
      if (out.length > size) throw tooBig(what);
      inflated += out.length;
    } else throw damaged(what, `it uses an unsupported compression method ${method}`);
    if (inflated > bounds.maxInflatedBytes) throw tooBig(what);
    if (inflated > RATIO_FLOOR && inflated > maxRatio * buf.length) throw tooBig(what);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return inflated;
}
