import type { SubmitEvent } from 'react';
import { useId, useRef, useState } from 'react';
import type { ApiKeyLimits, GatewayScope } from '@shared/gatewaySchemas';
import { useGatewayStore } from './useGatewayStore';

const SCOPES: { scope: GatewayScope; label: string; help: string }[] = [
  { scope: 'search', label: 'Search', help: 'search and read documents, embeddings' },
  { scope: 'chat', label: 'Chat', help: 'answers, models and conversations' },
  { scope: 'ingest', label: 'Add documents', help: 'ingest files into the library' },
  { scope: 'admin', label: 'Admin', help: 'everything a remote caller may do' },
];

/** Makes a key with a name and scopes; its value is shown once by NewKeyNotice. */
export function ApiKeyCreateForm({ limits }: { limits: ApiKeyLimits | null }) {
  const create = useGatewayStore((s) => s.create);
  const id = useId();
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<GatewayScope[]>(['search', 'chat']);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    const next = {
      name:
        trimmed === ''
          ? 'Name the app that will use this key.'
          : trimmed.length > 80
            ? 'Use at most 80 characters.'
            : undefined,
      scopes: scopes.length === 0 ? 'Choose at least one scope.' : undefined,
    };
    setErrors(next);
    if (next.name) nameInput.current?.focus();
    if (next.name || next.scopes) return;
    setBusy(true);
    const made = await create(trimmed, scopes);
    setBusy(false);
    if (made) setName('');
  };

  const toggle = (scope: GatewayScope, on: boolean) => {
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  };

  return (
    <form className="api-key-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Create an API key">
      <div className="api-key-form__field">
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
          maxLength={80}
          placeholder="Cursor on my laptop"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          data-testid="gateway-key-name"
        />
        {errors.name && (
          <p id={`${id}-name-error`} className="field-error">
            {errors.name}
          </p>
        )}
      </div>
      <fieldset className="api-key-form__scopes" aria-describedby={errors.scopes ? `${id}-scopes-error` : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map(({ scope, label, help }) => (
          <label key={scope} className="api-key-form__scope">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(event) => {
                toggle(scope, event.target.checked);
              }}
              data-testid={`gateway-scope-${scope}`}
            />
            <span>
              {label} <span className="muted">— {help}</span>
            </span>
          </label>
        ))}
        {errors.scopes && (
          <p id={`${id}-scopes-error`} className="field-error">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <div className="api-key-form__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="gateway-key-create">
          {busy ? 'Creating…' : 'Create key'}
        </button>
        {limits && (
          <p className="field-help" data-testid="gateway-key-limits">
            Each key may make {limits.requestsPerMinute} requests a minute and hold {limits.concurrentStreams} streams
            at once.
          </p>
        )}
      </div>
    </form>
  );
}
