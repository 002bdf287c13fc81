import { z } from 'zod';

/** Boxes kept for one passage at most: a 512-token passage spans some 40 lines, so this bounds only freak pages. */
export const MAX_OCR_BOXES = 200;

/** Decimals kept of each box fraction: 1/10,000 of the page is under a pixel on any screen. */
export const OCR_BOX_DECIMALS = 4;

const Fraction = z.number().min(0).max(1);

/**
 * Where an OCR passage lies on its page image, so the viewer can mark it: one box per run of the passage's words on a
 * line, `[x, y, w, h]` as fractions of the page (0..1, from its top left), and the size in pixels of the image that
 * was recognised (its aspect ratio, for a view drawn before the image arrives).
 */
export const OcrMarksSchema = z.strictObject({
  width: z.int().positive(),
  height: z.int().positive(),
  boxes: z
    .array(z.tuple([Fraction, Fraction, Fraction, Fraction]))
    .min(1)
    .max(MAX_OCR_BOXES),
});
export type OcrMarks = z.infer<typeof OcrMarksSchema>;
