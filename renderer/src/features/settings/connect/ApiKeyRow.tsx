import type { ApiKeyInfo } from '@shared/gatewaySchemas';
import { Icon } from '@/ui/Icon';
import { describeKey, keyState } from './describeKey';

interface ApiKeyRowProps {
  apiKey: ApiKeyInfo;
  onRotate: () => void;
  onRevoke: () => void;
  /** When the list was read: states are judged as of then. */
  now: number;
}

/** One key: name, first characters, scopes, state, use and limits. The key itself never reaches this screen. */
export function ApiKeyRow({ apiKey, onRotate, onRevoke, now }: ApiKeyRowProps) {
  const state = keyState(apiKey, now);
  const text = describeKey(apiKey, now);
  const manageable = apiKey.source === 'app' && state === 'active';
  return (
    <li className={`api-key-row api-key-row--${state}`} data-testid={`gateway-key-${apiKey.id}`}>
      <Icon name="key" size={18} className="api-key-row__icon" />
      <div className="api-key-row__text">
        <span className="api-key-row__name">{apiKey.name}</span>
        <span className="api-key-row__meta">
          <code>{apiKey.prefix}</code> · {apiKey.scopes.join(', ')}
          {apiKey.source === 'file' && ' · from the key file'}
        </span>
        <span className="api-key-row__meta" data-testid="gateway-key-state">
          {text.state} · {text.usage}
        </span>
        <span className="api-key-row__meta">{text.limits}</span>
      </div>
      {manageable && (
        <div className="api-key-row__actions">
          <button type="button" className="button button--small" onClick={onRotate} data-testid="gateway-key-rotate">
            Rotate…<span className="visually-hidden"> {apiKey.name}</span>
          </button>
          <button
            type="button"
            className="button button--small button--danger-quiet"
            onClick={onRevoke}
            data-testid="gateway-key-revoke"
          >
            Revoke…<span className="visually-hidden"> {apiKey.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
