import { describe, expect, it } from 'vitest';
import { documentTypeLabel, formatProvenance } from '@/features/library/formatProvenance';
import { fileStageLabel } from '@/features/library/ingestStages';

describe('OCR in the document detail', () => {
  it('marks a passage read by OCR with its rounded confidence', () => {
    expect(formatProvenance({ page: 2, confidence: 63.6 })).toBe('p. 2 · OCR 64%');
    expect(formatProvenance({ page: 2 })).toBe('p. 2');
  });

  it('names images as a type', () => {
    expect(documentTypeLabel('image')).toBe('Image');
  });
});

describe('OCR progress in the file list', () => {
  it('says which page is being recognised while the text is read', () => {
    const row = { stage: 'stored' as const, duplicate: false, ocr: { page: 3, pages: 40 } };
    expect(fileStageLabel(row)).toBe('Recognising page 3 of 40');
    expect(fileStageLabel({ ...row, stage: 'parsed' })).toBe('Splitting');
    expect(fileStageLabel({ stage: 'stored', duplicate: false })).toBe('Reading text');
  });
});
