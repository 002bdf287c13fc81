import { useRef, useState } from 'react';
import { Callout } from '@/ui/Callout';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { useSecretsStore } from './useSecretsStore';
import { SecretAddForm } from './SecretAddForm';
import { SecretRow } from './SecretRow';

export function SecretsSection() {
  const names = useSecretsStore((s) => s.names);
  const backend = useSecretsStore((s) => s.backend);
  const warning = useSecretsStore((s) => s.warning);
  const remove = useSecretsStore((s) => s.remove);
  const [deleting, setDeleting] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const confirmDelete = async (name: string) => {
    setDeleting(null);
    if (await remove(name)) listHeading.current?.focus();
  };

  return (
    <Card title="API keys & passwords" testId="secrets-section">
      <p className="card__note">
        Stored in your system keychain and used only inside Hearth. Values are never shown again after you save them.
      </p>
      {backend === 'file' && (
        <Callout tone="warning" title="No keychain available: using an insecure file" testId="secrets-file-warning">
          {warning && <p>{warning}</p>}
        </Callout>
      )}
      <h3 className="subheading" tabIndex={-1} ref={listHeading}>
        Stored
      </h3>
      {names === null && <p className="muted">Loading…</p>}
      {names?.length === 0 && (
        <p className="empty" data-testid="secrets-empty">
          Nothing stored yet.
        </p>
      )}
      {names && names.length > 0 && (
        <ul className="secret-list" data-testid="secret-list">
          {names.map((name) => (
            <SecretRow key={name} name={name} backend={backend ?? 'keychain'} onDelete={setDeleting} />
          ))}
        </ul>
      )}
      <h3 className="subheading">Add</h3>
      <SecretAddForm existing={names ?? []} />
      {deleting !== null && (
        <ConfirmDialog
          title={`Delete “${deleting}”?`}
          confirmLabel="Delete"
          destructive
          onCancel={() => {
            setDeleting(null);
          }}
          onConfirm={() => void confirmDelete(deleting)}
        >
          <p>Hearth will no longer be able to use it. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
