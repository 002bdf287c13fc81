import { posix } from 'node:path';
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { HearthError } from '../../../shared/errors';
import { checkZipBounds, type ZipBounds } from './checkZipBounds';

/** The entries of a ZIP-based file, inflated within the zip-bomb bounds. */
export interface ZipPackage {
  /** Entry names in archive order (folders left out). */
  names: string[];
  /** Bytes inflated in all, so archives inside archives can share one budget. */
  inflated: number;
  bytes(name: string): Uint8Array | undefined;
  /** The entry decoded as UTF-8, or undefined when missing. */
  text(name: string): string | undefined;
}

function damaged(what: string, err: unknown): HearthError {
  return new HearthError(
    'UNSUPPORTED_FILE',
    `This ${what} is damaged (${err instanceof Error ? err.message : String(err)}).`,
    undefined,
    { cause: err },
  );
}

/**
 * Opens a ZIP-based document: `checkZipBounds` first (entry count, declared and real inflated size, ratio), then
 * fflate inflates the entries `wanted` accepts (all by default). Since the check inflated every entry under a cap,
 * fflate's output is bounded by the same numbers. `what` names the file in messages ("presentation").
 */
export function readZip(
  buf: Buffer,
  bounds: ZipBounds,
  what: string,
  wanted: (name: string) => boolean = () => true,
): ZipPackage {
  const inflated = checkZipBounds(buf, bounds, what);
  let files: Record<string, Uint8Array>;
  const names: string[] = [];
  try {
    files = unzipSync(buf, {
      filter: (info: UnzipFileInfo) => {
        if (info.name.endsWith('/')) return false;
        names.push(info.name);
        return wanted(info.name);
      },
    });
  } catch (err) {
    throw damaged(what, err);
  }
  const decoder = new TextDecoder('utf-8');
  return {
    names,
    inflated,
    bytes: (name) => files[name],
    text: (name) => {
      const b = files[name];
      return b === undefined ? undefined : decoder.decode(b);
    },
  };
}

/** Names every entry without inflating any, or undefined when the central directory cannot be read. */
export function listZip(buf: Uint8Array, keep: (info: UnzipFileInfo) => boolean): Record<string, Uint8Array> | null {
  try {
    return unzipSync(buf, { filter: keep });
  } catch {
    return null;
  }
}

/** Resolves a relationship target against the part that refers to it (`ppt/slides/slide1.xml` + `../media/a.png`). */
export function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target.slice(1));
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A stray '%' in a hostile target: use it as written.
  }
  return posix.normalize(posix.join(posix.dirname(fromPart), decoded));
}

/** Where a package part's relationships live: `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`. */
export function relsPath(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}
