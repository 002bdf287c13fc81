import { describe, expect, it } from 'vitest';
import { documentTypeLabel, formatProvenance } from '@/features/library/formatProvenance';

describe('OCR in the document detail', () => {
  it('marks a passage read by OCR with its rounded confidence', () => {
    expect(formatProvenance({ page: 2, confidence: 63.6 })).toBe('p. 2 · OCR 64%');
    expect(formatProvenance({ page: 2 })).toBe('p. 2');
  });

  it('names images as a type', () => {
    expect(documentTypeLabel('image')).toBe('Image');
  });
});
