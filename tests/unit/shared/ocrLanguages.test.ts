import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from '../../../electron/shared/settings';

const accepts = (ocrLanguages: unknown) => SettingsPatchSchema.safeParse({ library: { ocrLanguages } }).success;

describe('the OCR languages setting', () => {
  it('takes one or more of the shipped languages, each once', () => {
    expect(accepts(['eng'])).toBe(true);
    expect(accepts(['deu', 'eng', 'fra', 'spa'])).toBe(true);
  });

  it('refuses a language Hearth does not ship, none at all, and repeats', () => {
    expect(accepts(['jpn'])).toBe(false);
    expect(accepts(['../../etc/passwd'])).toBe(false);
    expect(accepts([])).toBe(false);
    expect(accepts(['eng', 'eng'])).toBe(false);
    expect(accepts('eng')).toBe(false);
  });
});
