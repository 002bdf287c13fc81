import type { SubmitEvent } from 'react';
import { useId, useState } from 'react';
import { ModelSourceSchema } from '@shared/runtimeSchemas';
import { Card } from '@/ui/Card';
import { Icon } from '@/ui/Icon';
import { useDownloadStore } from './useDownloadStore';
import { DownloadStatus } from './DownloadStatus';

function sourceError(source: string): string | null {
  if (!source) return 'Enter a link to a .gguf file.';
  const result = ModelSourceSchema.safeParse(source);
  return result.success ? null : (result.error.issues[0]?.message ?? 'Not a link Hearth can download.');
}

function shaError(sha: string): string | null {
  return sha === '' || /^[a-f0-9]{64}$/.test(sha) ? null : 'A SHA-256 is 64 hexadecimal characters.';
}

/** Download by link: https:// or hf:owner/repo/file.gguf, optionally checked against a SHA-256. */
export function DownloadCard({ showStatus }: { showStatus: boolean }) {
  const id = useId();
  const start = useDownloadStore((s) => s.start);
  const running = useDownloadStore((s) => s.phase === 'running');
  const [source, setSource] = useState('');
  const [sha, setSha] = useState('');
  const [errors, setErrors] = useState<{ source?: string; sha?: string }>({});

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = source.trim();
    const digest = sha.trim().toLowerCase();
    const next = { source: sourceError(trimmed) ?? undefined, sha: shaError(digest) ?? undefined };
    setErrors(next);
    if (next.source || next.sha) return;
    start({ source: trimmed, ...(digest ? { sha256: digest } : {}), origin: 'url' });
  };

  const field = (name: 'source' | 'sha', help: string) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': `${id}-${name}-help${errors[name] ? ` ${id}-${name}-error` : ''}`,
    help: (
      <>
        <p id={`${id}-${name}-help`} className="field-help">
          {help}
        </p>
        {errors[name] && (
          <p id={`${id}-${name}-error`} className="field-error">
            {errors[name]}
          </p>
        )}
      </>
    ),
  });
  const src = field('source', 'An https:// link, or hf:owner/repo/file.gguf for a Hugging Face file.');
  const digest = field('sha', 'Optional. When given, the file must match it.');

  return (
    <Card title="Download by link" testId="models-download">
      <form className="stack-form" onSubmit={submit} noValidate aria-label="Download a model by link">
        <div className="stack-form__field">
          <label htmlFor={src.id}>Link</label>
          <input
            id={src.id}
            className="text-input"
            value={source}
            onChange={(event) => {
              setSource(event.target.value);
            }}
            type="text"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="hf:owner/repo/model.Q4_K_M.gguf"
            aria-invalid={src['aria-invalid']}
            aria-describedby={src['aria-describedby']}
            data-testid="download-url"
          />
          {src.help}
        </div>
        <div className="stack-form__field">
          <label htmlFor={digest.id}>SHA-256</label>
          <input
            id={digest.id}
            className="text-input mono"
            value={sha}
            onChange={(event) => {
              setSha(event.target.value);
            }}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            aria-invalid={digest['aria-invalid']}
            aria-describedby={digest['aria-describedby']}
            data-testid="download-sha256"
          />
          {digest.help}
        </div>
        <div className="inline-actions">
          <button type="submit" className="button button--primary" disabled={running} data-testid="download-start">
            <Icon name="download" size={14} />
            Download
          </button>
        </div>
      </form>
      {showStatus && <DownloadStatus />}
    </Card>
  );
}
