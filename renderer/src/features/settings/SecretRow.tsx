import { Icon } from '@/ui/Icon';

interface SecretRowProps {
  name: string;
  backend: 'keychain' | 'file';
  onDelete: (name: string) => void;
}

/** One stored key: its name and where it lives. The value is never shown, nor ever sent to this screen. */
export function SecretRow({ name, backend, onDelete }: SecretRowProps) {
  return (
    <li className="secret-row" data-testid={`secret-row-${name}`}>
      <Icon name="key" size={18} className="secret-row__icon" />
      <div className="secret-row__text">
        <span className="secret-row__name">{name}</span>
        <span className={backend === 'file' ? 'secret-row__where secret-row__where--file' : 'secret-row__where'}>
          {backend === 'keychain' ? 'Stored in Keychain' : 'Stored in file (insecure fallback)'}
        </span>
      </div>
      <button
        type="button"
        className="button button--small button--danger-quiet"
        onClick={() => {
          onDelete(name);
        }}
        data-testid={`secret-delete-${name}`}
      >
        Delete<span className="visually-hidden"> {name}</span>
      </button>
    </li>
  );
}
