import { describe, expect, it } from 'vitest';
import { markPlacement } from '@/features/chat/viewer/drawOcrMarks';
import { imageMime } from '@/features/chat/viewer/imageMime';
import { PassageSchema } from '@shared/answerSchemas';

describe('markPlacement', () => {
  it('places a box in percentages of the page, so it follows the page at any size', () => {
    expect(markPlacement([0.1, 0.1667, 0.3, 0.0125])).toEqual({
      left: '10%',
      top: '16.67%',
      width: '30%',
      height: '1.25%',
    });
  });
});

describe('imageMime', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  it('knows the images a browser draws by their first bytes', () => {
    expect(imageMime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(imageMime(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(imageMime(new TextEncoder().encode('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
  });

  it('gives nothing for a TIFF or a short file', () => {
    expect(imageMime(new TextEncoder().encode('II*\x00\x08\x00\x00\x00'))).toBeUndefined();
    expect(imageMime(bytes(0x89, 0x50))).toBeUndefined();
  });
});

describe('the passage contract with OCR boxes', () => {
  const passage = {
    chunkId: 'd:1:0',
    documentId: 'd',
    documentName: 'scan.pdf',
    documentType: 'pdf',
    text: 'Total due',
    page: 2,
    originalPath: '/api/originals/d',
  };

  it('still takes a passage without boxes (indexed before they were kept)', () => {
    expect(PassageSchema.parse(passage)).not.toHaveProperty('ocr');
  });

  it('takes boxes as fractions with the page size, and refuses boxes off the page or no boxes', () => {
    const ocr = { width: 1000, height: 500, boxes: [[0.1, 0.2, 0.3, 0.05]] };
    expect(PassageSchema.parse({ ...passage, ocr }).ocr).toEqual(ocr);
    expect(PassageSchema.safeParse({ ...passage, ocr: { ...ocr, boxes: [[0.1, 1.2, 0.3, 0.05]] } }).success).toBe(
      false,
    );
    expect(PassageSchema.safeParse({ ...passage, ocr: { ...ocr, boxes: [] } }).success).toBe(false);
    expect(PassageSchema.safeParse({ ...passage, ocr: { boxes: ocr.boxes } }).success).toBe(false);
  });
});
