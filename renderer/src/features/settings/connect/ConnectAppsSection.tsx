import { useEffect, useRef, useState } from 'react';
import type { ApiKeyInfo } from '@shared/gatewaySchemas';
import { useConnectionStore } from '@/store/useConnectionStore';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { ApiKeyCreateForm } from './ApiKeyCreateForm';
import { ApiKeyRow } from './ApiKeyRow';
import { GatewayEndpoints } from './GatewayEndpoints';
import { NewKeyNotice } from './NewKeyNotice';
import { useGatewayStore } from './useGatewayStore';

type Pending = { action: 'rotate' | 'revoke'; key: ApiKeyInfo };

/** Settings → Connect other apps: where other tools reach this Hearth, and the API keys they use. */
export function ConnectAppsSection() {
  const keys = useGatewayStore((s) => s.keys);
  const listedAt = useGatewayStore((s) => s.listedAt);
  const info = useGatewayStore((s) => s.info);
  const localOnly = useGatewayStore((s) => s.localOnly);
  const created = useGatewayStore((s) => s.created);
  const { refresh, rotate, revoke } = useGatewayStore.getState();
  const [pending, setPending] = useState<Pending | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // On open, and again after a reconnect (a reloaded page opens before its connection is up).
  const connected = useConnectionStore((s) => s.state === 'connected');
  useEffect(() => {
    if (connected) void refresh();
  }, [connected, refresh]);

  const confirm = async ({ action, key }: Pending) => {
    setPending(null);
    const done = action === 'rotate' ? await rotate(key.id) : await revoke(key.id);
    if (done && action === 'revoke') listHeading.current?.focus();
  };

  return (
    <Card title="Connect other apps" testId="connect-apps-section">
      <p className="card__note">
        Other apps (OpenAI clients, MCP clients such as Claude Desktop or Cursor) can search and ask your library with
        an API key. Each key has scopes and limits; every request is recorded in the audit log.
      </p>
      {localOnly ? (
        <p className="muted" data-testid="gateway-local-only">
          API keys are managed from the computer Hearth runs on: open Settings there.
        </p>
      ) : (
        <>
          <GatewayEndpoints info={info} />
          <h3 className="subheading" tabIndex={-1} ref={listHeading}>
            API keys
          </h3>
          {created && (
            <NewKeyNotice
              created={created}
              onDone={() => {
                listHeading.current?.focus();
              }}
            />
          )}
          {keys === null && <p className="muted">Loading…</p>}
          {keys?.length === 0 && (
            <p className="empty" data-testid="gateway-keys-empty">
              No keys yet.
            </p>
          )}
          {keys && keys.length > 0 && (
            <ul className="api-key-list" data-testid="gateway-key-list">
              {keys.map((key) => (
                <ApiKeyRow
                  key={key.id}
                  apiKey={key}
                  now={listedAt}
                  onRotate={() => {
                    setPending({ action: 'rotate', key });
                  }}
                  onRevoke={() => {
                    setPending({ action: 'revoke', key });
                  }}
                />
              ))}
            </ul>
          )}
          <h3 className="subheading">New key</h3>
          <ApiKeyCreateForm limits={info?.defaults ?? null} />
        </>
      )}
      {pending?.action === 'revoke' && (
        <ConfirmDialog
          title={`Revoke “${pending.key.name}”?`}
          confirmLabel="Revoke"
          destructive
          onCancel={() => {
            setPending(null);
          }}
          onConfirm={() => void confirm(pending)}
        >
          <p>Apps using this key are refused from now on. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {pending?.action === 'rotate' && (
        <ConfirmDialog
          title={`Rotate “${pending.key.name}”?`}
          confirmLabel="Rotate"
          onCancel={() => {
            setPending(null);
          }}
          onConfirm={() => void confirm(pending)}
        >
          <p>
            Hearth makes a new key with the same scopes. The old one keeps working for 24 hours, so you can move your
            apps over.
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
