import { describe, expect, it } from 'vitest';
import {
  checkImageBounds,
  checkImageDimensions,
  DEFAULT_IMAGE_BOUNDS,
} from '../../../../../electron/core/library/parse/image/checkImageBounds';
import { renderScale } from '../../../../../electron/core/library/parse/ocr/recognisePdfPages';
import { sniffType } from '../../../../../electron/core/library/parse/sniffType';

const png = (width: number, height: number) => {
  const b = Buffer.alloc(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 2, 0, 0, 0], 24);
  return b;
};

describe('image sniffing', () => {
  it('knows PNG, JPEG, TIFF and WebP by their bytes, whatever the name says', () => {
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    for (const bytes of [
      png(10, 10),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from('II*\0'),
      Buffer.from('MM\0*'),
      webp,
    ]) {
      expect(sniffType(bytes, 'notes.txt')).toBe('image');
    }
    // A RIFF file that is not WebP (a WAV) stays binary data, even when named .webp.
    expect(() => sniffType(Buffer.from('RIFF\0\0\0\0WAVEfmt '), 'a.webp')).toThrow(/binary data/);
  });

  it('names a HEIC photo instead of calling it binary data', () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12)]);
    expect(() => sniffType(heic, 'IMG_0001.HEIC')).toThrow(
      'This is a HEIC/HEIF image, which Hearth cannot decode: export it as JPEG or PNG.',
    );
  });
});

describe('image bounds', () => {
  it('reads the size from the header alone and refuses what is over the bounds', () => {
    expect(checkImageBounds(png(1200, 800))).toEqual({ type: 'png', width: 1200, height: 800 });
    expect(() => checkImageBounds(png(30_000, 30_000))).toThrow(/30,000 × 30,000 pixels/);
    expect(() => checkImageBounds(png(8000, 6000))).toThrow(/up to 40 megapixels/); // 48 MP, sides within
    expect(() => checkImageDimensions(0, 10, DEFAULT_IMAGE_BOUNDS)).toThrow(/gives no size/);
    expect(() => checkImageBounds(Buffer.from('not an image'))).toThrow(/header cannot be read/);
  });

  it('renders scans at 300 dpi but never past 4,000 px a side or 20 megapixels', () => {
    expect(renderScale(612, 792)).toBeCloseTo(300 / 72); // US Letter: 2550 × 3300
    expect(renderScale(14_400, 14_400) * 14_400).toBeLessThanOrEqual(4000);
    const s = renderScale(2000, 2000);
    expect(2000 * s * 2000 * s).toBeLessThanOrEqual(20_000_000 + 1);
  });
});
