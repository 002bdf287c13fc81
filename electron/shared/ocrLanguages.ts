import { z } from 'zod';

/**
 * The OCR languages Hearth ships (tesseract traineddata from the `@tesseract.js-data/*` npm packages, ISO 639-2
 * codes). Nothing is downloaded at run time, so a setting may name only these.
 */
export const OCR_LANGUAGES = ['eng', 'deu', 'fra', 'spa'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** Names for the settings screen. */
export const OCR_LANGUAGE_NAMES: Record<OcrLanguage, string> = {
  eng: 'English',
  deu: 'German',
  fra: 'French',
  spa: 'Spanish',
};

/** One to all of the shipped languages, each once: every language added slows recognition down. */
export const OcrLanguagesSchema = z
  .array(z.enum(OCR_LANGUAGES))
  .min(1, 'Choose at least one OCR language.')
  .max(OCR_LANGUAGES.length)
  .refine((codes) => new Set(codes).size === codes.length, 'Each OCR language may be chosen once.');

/** Pages read by OCR with a mean word confidence below this (tesseract's 0–100 scale) are flagged for checking. */
export const LOW_OCR_CONFIDENCE = 70;
