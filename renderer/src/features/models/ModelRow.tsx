import type { ModelInfo } from '@shared/runtimeSchemas';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';
import { formatParameters, formatTokens } from './formatModel';
import type { ModelRole } from './useModelsStore';

interface ModelRowProps {
  model: ModelInfo;
  isChatDefault: boolean;
  isEmbeddingDefault: boolean;
  busy: boolean;
  onSetDefault: (role: ModelRole) => void;
  onDelete: () => void;
}

/** One installed model: what it is, which roles it serves, and what can be done with it. */
export function ModelRow({ model, isChatDefault, isEmbeddingDefault, busy, onSetDefault, onDelete }: ModelRowProps) {
  const { id, displayName } = model;
  const name = <span className="visually-hidden"> {displayName}</span>;
  return (
    <li className="model-row" data-testid={`model-row-${id}`}>
      <div className="model-row__head">
        <h3 className="model-row__name">{displayName}</h3>
        {isChatDefault && <span className="badge badge--ok">Default for chat</span>}
        {isEmbeddingDefault && <span className="badge badge--ok">Default for embeddings</span>}
        {model.isEmbeddingModel && <span className="badge badge--idle">Embedding model</span>}
        {model.isReranker && <span className="badge badge--idle">Reranker</span>}
      </div>
      <dl className="model-row__facts">
        <div>
          <dt>Architecture</dt>
          <dd>{model.architecture}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>{formatParameters(model.parameters)}</dd>
        </div>
        <div>
          <dt>Quantisation</dt>
          <dd>{model.quantisation ?? '—'}</dd>
        </div>
        <div>
          <dt>Context</dt>
          <dd>{formatTokens(model.contextLength)}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{formatBytes(model.sizeBytes)}</dd>
        </div>
      </dl>
      <p className="model-row__file mono">{model.fileName}</p>
      <div className="model-row__actions">
        {!model.isEmbeddingModel && !model.isReranker && (
          <button
            type="button"
            className="button button--small"
            disabled={busy || isChatDefault}
            onClick={() => {
              onSetDefault('chat');
            }}
            data-testid={`model-default-chat-${id}`}
          >
            Set as chat default{name}
          </button>
        )}
        {/* Only an embedding model can find passages; a chat model is never offered for it. */}
        {model.isEmbeddingModel && (
          <button
            type="button"
            className="button button--small"
            disabled={busy || isEmbeddingDefault}
            onClick={() => {
              onSetDefault('embedding');
            }}
            data-testid={`model-default-embedding-${id}`}
          >
            Set as embedding default{name}
          </button>
        )}
        <button
          type="button"
          className="button button--small button--danger-quiet"
          disabled={busy}
          onClick={onDelete}
          data-testid={`model-delete-${id}`}
        >
          <Icon name="trash" size={14} />
          Delete{name}
        </button>
      </div>
    </li>
  );
}
