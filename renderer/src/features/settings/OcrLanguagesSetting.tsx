import { useId } from 'react';
import { OCR_LANGUAGE_NAMES, OCR_LANGUAGES, type OcrLanguage } from '@shared/ocrLanguages';

interface OcrLanguagesSettingProps {
  value: readonly OcrLanguage[];
  onChange: (languages: OcrLanguage[]) => void;
}

/**
 * The languages text recognition reads, as checkboxes over the shipped ones only; the last one left cannot be
 * unticked (recognition needs a language), and the order of the list is kept whatever the order of the clicks.
 */
export function OcrLanguagesSetting({ value, onChange }: OcrLanguagesSettingProps) {
  const id = useId();
  const toggle = (code: OcrLanguage, on: boolean) => {
    onChange(OCR_LANGUAGES.filter((c) => (c === code ? on : value.includes(c))));
  };
  return (
    <div className="setting-row">
      <div className="setting-row__label">
        <p id={`${id}-label`} className="setting-row__legend">
          Text recognition languages
        </p>
        <p id={`${id}-help`} className="setting-row__help">
          Used for scanned PDFs and images; each extra language makes reading them slower
        </p>
      </div>
      <div
        className="setting-row__control"
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-help`}
      >
        {OCR_LANGUAGES.map((code) => {
          const checked = value.includes(code);
          return (
            <label key={code} className="checkbox-row">
              <input
                type="checkbox"
                checked={checked}
                disabled={checked && value.length === 1}
                onChange={(e) => {
                  toggle(code, e.target.checked);
                }}
                data-testid={`setting-ocr-${code}`}
              />
              {OCR_LANGUAGE_NAMES[code]}
            </label>
          );
        })}
      </div>
    </div>
  );
}
