import { describe, expect, it } from 'vitest';
import { summariseOcr } from '../../../../electron/core/library/summariseOcr';

describe('summariseOcr', () => {
  it('counts OCR pages and flags each page by its least sure passage', () => {
    const chunks = [
      { provenance: { page: 1 } }, // a text layer: not OCR
      { provenance: { page: 2, confidence: 91 } },
      { provenance: { page: 2, confidence: 55 } },
      { provenance: { page: 4, confidence: 88 } },
      { provenance: { page: 3, confidence: 40 } },
      { provenance: { lineStart: 1, lineEnd: 2 } },
    ];
    expect(summariseOcr(chunks)).toEqual({ pages: 3, lowConfidencePages: [2, 3] });
  });

  it('is undefined for a document without OCR text', () => {
    expect(summariseOcr([{ provenance: { page: 1 } }, { provenance: { slide: 2 } }])).toBeUndefined();
  });
});
