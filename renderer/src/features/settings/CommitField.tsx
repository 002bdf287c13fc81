import type { InputHTMLAttributes } from 'react';
import { useId, useState } from 'react';

interface CommitFieldProps {
  label: string;
  help?: string;
  /** The saved value, as text. */
  value: string;
  /** A message when the text cannot be saved, else null. */
  validate: (text: string) => string | null;
  /** Called with the trimmed text once it is valid and differs from `value`. */
  onCommit: (text: string) => void;
  testId: string;
  input?: Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'min' | 'max' | 'step' | 'autoComplete'>;
  disabled?: boolean;
  /** A wider field, for addresses. */
  wide?: boolean;
}

/**
 * A text or number setting saved on blur or Enter; Escape reverts. An invalid value is never sent: its message sits
 * under the field and is tied to it with aria-describedby.
 */
export function CommitField({
  label,
  help,
  value,
  validate,
  onCommit,
  testId,
  input,
  disabled,
  wide = false,
}: CommitFieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const commit = () => {
    if (draft === null) return;
    const message = validate(draft);
    setError(message);
    if (message) return;
    const text = draft.trim();
    setDraft(null);
    if (text !== value) onCommit(text);
  };

  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className="setting-row">
      <div className="setting-row__label">
        <label htmlFor={id}>{label}</label>
        {help && (
          <p id={helpId} className="setting-row__help">
            {help}
          </p>
        )}
      </div>
      <div className={wide ? 'setting-row__control setting-row__control--wide' : 'setting-row__control'}>
        <input
          {...input}
          id={id}
          className="text-input"
          value={draft ?? value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={testId}
          onChange={(event) => {
            setDraft(event.target.value);
            if (error) setError(validate(event.target.value));
          }}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit();
            } else if (event.key === 'Escape' && draft !== null) {
              event.preventDefault();
              setDraft(null);
              setError(null);
            }
          }}
        />
        {error && (
          <p id={errorId} className="field-error" data-testid={`${testId}-error`}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
