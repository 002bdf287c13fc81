import type { SubmitEvent } from 'react';
import { useId, useState } from 'react';
import { useSecretsStore } from './useSecretsStore';

interface SecretFieldProps {
  /** The keychain entry it writes (`remote-endpoint-key`, `postgres-password`, `s3-secret-key`). */
  name: string;
  label: string;
  help: string;
  testId: string;
}

const MAX_VALUE_LENGTH = 8192;

/** A write-only setting: the value goes to the keychain through `secrets.set` and is never shown or read back. */
export function SecretField({ name, label, help, testId }: SecretFieldProps) {
  const id = useId();
  const stored = useSecretsStore((s) => s.names?.includes(name) ?? false);
  const save = useSecretsStore((s) => s.save);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone('');
    const message =
      value.length === 0
        ? 'Enter the value to store.'
        : value.length > MAX_VALUE_LENGTH
          ? `Use at most ${String(MAX_VALUE_LENGTH)} characters.`
          : null;
    setError(message);
    if (message) return;
    setBusy(true);
    const saved = await save(name, value);
    setBusy(false);
    if (!saved) return;
    setValue('');
    setDone('Saved to the keychain.');
  };

  const state = stored ? 'Stored. Enter a new value to replace it.' : 'Not set.';
  return (
    <form className="setting-row" onSubmit={(event) => void submit(event)} noValidate>
      <div className="setting-row__label">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-help`} className="setting-row__help">
          {help} <span data-testid={`${testId}-state`}>{state}</span>
        </p>
      </div>
      <div className="setting-row__control">
        <div className="secret-field">
          <input
            id={id}
            className="text-input"
            type="password"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
            }}
            autoComplete="new-password"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
            data-testid={testId}
          />
          <button type="submit" className="button" disabled={busy} data-testid={`${testId}-save`}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
        <p className="secret-field__status" role="status">
          {done}
        </p>
      </div>
    </form>
  );
}
