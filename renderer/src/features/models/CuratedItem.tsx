import type { CuratedModel } from '@shared/runtimeSchemas';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';

const ROLES: Record<CuratedModel['role'], string> = {
  chat: 'Chat model: answers your questions',
  embedding: 'Embedding model: finds the right passages in your documents',
  reranker: 'Reranker: puts the passages that answer your question first',
};

interface CuratedItemProps {
  model: CuratedModel;
  /** Already in the catalogue: nothing to download. */
  installed: boolean;
  disabled: boolean;
  onDownload: () => void;
}

/** A suggested model that fits this computer; downloading it asks first. */
export function CuratedItem({ model, installed, disabled, onDownload }: CuratedItemProps) {
  return (
    <li className="curated-item">
      <div className="curated-item__text">
        <h3 className="curated-item__name">{model.displayName}</h3>
        <p className="curated-item__role">{ROLES[model.role]}</p>
        <p className="curated-item__desc">{model.description}</p>
      </div>
      <div className="curated-item__side">
        <span className="curated-item__size numeric">{formatBytes(model.sizeBytes)}</span>
        {installed ? (
          <span className="badge badge--ok">Installed</span>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={disabled}
            onClick={onDownload}
            data-testid={`curated-download-${model.key}`}
          >
            <Icon name="download" size={14} />
            Download<span className="visually-hidden"> {model.displayName}</span>
          </button>
        )}
      </div>
    </li>
  );
}
