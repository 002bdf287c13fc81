import { imageSize } from 'image-size';
import { HearthError } from '../../../../shared/errors';

/** How large an image Hearth decodes: decoded pixels take 4 bytes each, in memory no heap limit covers. */
export interface ImageBounds {
  /** Width × height at most (default 40 megapixels: a 300 dpi A3 scan is 17). */
  maxPixels: number;
  /** Longest side at most, in pixels (default 20,000). */
  maxSide: number;
}

export const DEFAULT_IMAGE_BOUNDS: ImageBounds = { maxPixels: 40_000_000, maxSide: 20_000 };

/** An image's format and size, read from its header. */
export interface ImageHeader {
  /** image-size's name for the format: png, jpg, tiff, webp, heif… */
  type: string;
  width: number;
  height: number;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Refuses dimensions over the bounds, saying how large the image is. */
export function checkImageDimensions(width: number, height: number, bounds: ImageBounds): void {
  if (!(width > 0 && height > 0)) {
    throw new HearthError('UNSUPPORTED_FILE', 'This image is damaged: its header gives no size.');
  }
  if (width > bounds.maxSide || height > bounds.maxSide || width * height > bounds.maxPixels) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      `This image is ${fmt(width)} × ${fmt(height)} pixels; Hearth reads images up to ` +
        `${fmt(Math.round(bounds.maxPixels / 1_000_000))} megapixels and ${fmt(bounds.maxSide)} pixels a side.`,
      { width, height },
    );
  }
}

/**
 * Reads an image's size from its header only (no pixel is decoded) and refuses one over the bounds, so a
 * 30,000 × 30,000 PNG of a few kilobytes is turned away before it can claim gigabytes.
 */
export function checkImageBounds(bytes: Uint8Array, bounds: ImageBounds = DEFAULT_IMAGE_BOUNDS): ImageHeader {
  let size;
  try {
    size = imageSize(bytes);
  } catch (err) {
    throw new HearthError('UNSUPPORTED_FILE', 'This image is damaged: its header cannot be read.', undefined, {
      cause: err,
    });
  }
  checkImageDimensions(size.width, size.height, bounds);
  return { type: size.type ?? 'unknown', width: size.width, height: size.height };
}
