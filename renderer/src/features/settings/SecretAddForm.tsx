import type { SubmitEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { SecretNameSchema } from '@shared/schemas';
import { useSecretsStore } from './useSecretsStore';

const MAX_VALUE_LENGTH = 8192;

function nameError(name: string): string | null {
  const result = SecretNameSchema.safeParse(name);
  return result.success ? null : (result.error.issues[0]?.message ?? 'Not a valid name.');
}

/**
 * Adds or replaces a key. The value lives only in this form's state until it is sent, and the field is cleared as
 * soon as the core confirms; nothing can read it back.
 */
export function SecretAddForm({ existing }: { existing: readonly string[] }) {
  const save = useSecretsStore((s) => s.save);
  const id = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<{ name?: string; value?: string }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    const next = {
      name: nameError(trimmed) ?? undefined,
      value:
        value.length === 0
          ? 'Enter the value to store.'
          : value.length > MAX_VALUE_LENGTH
            ? `Use at most ${String(MAX_VALUE_LENGTH)} characters.`
            : undefined,
    };
    setErrors(next);
    setDone('');
    if (next.name || next.value) return;
    setBusy(true);
    const saved = await save(trimmed, value);
    setBusy(false);
    if (!saved) return;
    setName('');
    setValue('');
    setDone(`Saved “${trimmed}”.`);
    nameInput.current?.focus();
  };

  const replacing = existing.includes(name.trim());
  const nameHelp = replacing
    ? 'A key with this name exists; saving replaces its value.'
    : 'Lowercase letters, digits, dot, dash or underscore.';

  return (
    <form
      className="secret-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Add an API key or password"
    >
      <div className="secret-form__field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          className="text-input"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          placeholder="openai-api-key"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={`${id}-name-help${errors.name ? ` ${id}-name-error` : ''}`}
          data-testid="secret-name-input"
        />
        <p id={`${id}-name-help`} className="field-help">
          {nameHelp}
        </p>
        {errors.name && (
          <p id={`${id}-name-error`} className="field-error">
            {errors.name}
          </p>
        )}
      </div>
      <div className="secret-form__field">
        <label htmlFor={`${id}-value`}>Value</label>
        <input
          id={`${id}-value`}
          className="text-input"
          type="password"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
          }}
          autoComplete="new-password"
          spellCheck={false}
          aria-invalid={errors.value ? true : undefined}
          aria-describedby={`${id}-value-help${errors.value ? ` ${id}-value-error` : ''}`}
          data-testid="secret-value-input"
        />
        <p id={`${id}-value-help`} className="field-help">
          Write-only: once saved, it cannot be shown again.
        </p>
        {errors.value && (
          <p id={`${id}-value-error`} className="field-error">
            {errors.value}
          </p>
        )}
      </div>
      <div className="secret-form__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="secret-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <p className="secret-form__status" role="status" data-testid="secret-save-status">
          {done}
        </p>
      </div>
    </form>
  );
}
