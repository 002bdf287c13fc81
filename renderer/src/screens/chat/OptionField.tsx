import { useId, useState } from 'react';

interface OptionFieldProps {
  label: string;
  help: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  onCommit: (value: number) => void;
}

/** A number saved on blur or Enter once it is within bounds; the message sits under it meanwhile. */
export function OptionField({ label, help, value, min, max, step, integer = false, onCommit }: OptionFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const validate = (text: string): string | null => {
    const n = Number(text.trim());
    const ok = text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
    return ok ? null : `Enter ${integer ? 'a whole number' : 'a number'} from ${String(min)} to ${String(max)}.`;
  };
  const commit = () => {
    if (draft === null) return;
    const message = validate(draft);
    setError(message);
    if (message) return;
    setDraft(null);
    onCommit(Number(draft.trim()));
  };

  return (
    <div className="option-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="text-input"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft ?? String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setDraft(event.target.value);
          if (error) setError(validate(event.target.value));
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
      <p id={`${id}-help`} className="field-help">
        {help}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
