import type { DragEvent } from 'react';
import { useRef, useState } from 'react';
import type { ModelInfo } from '@shared/runtimeSchemas';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { formatBytes } from '@shared/formatBytes';
import { useImportStore } from './useImportStore';
import type { ModelList } from '@shared/runtimeSchemas';
import { useModelsStore } from './useModelsStore';
import type { ModelRole } from './useModelsStore';
import { useLivingLibraryStore } from '@/features/library/useLivingLibraryStore';
import { ImportButton } from './ImportButton';
import { ImportStatus } from './ImportStatus';
import { ModelRow } from './ModelRow';
import { EmbeddingSwitchDialog } from './EmbeddingSwitchDialog';

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/** The installed models; the whole card takes a dropped .gguf file (the Import button does the same). */
export function InstalledModelsCard({ list }: { list: ModelList | null }) {
  const busy = useModelsStore((s) => s.busy);
  const setDefault = useModelsStore((s) => s.setDefault);
  const remove = useModelsStore((s) => s.remove);
  const importFile = useImportStore((s) => s.importFile);
  const [deleting, setDeleting] = useState<ModelInfo | null>(null);
  const [switching, setSwitching] = useState<ModelInfo | null>(null);
  const passages = useLivingLibraryStore((s) => s.storage?.keyword.chunks ?? 0);
  const [dragging, setDragging] = useState(false);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const models = list?.models ?? [];
  const total = models.reduce((sum, m) => sum + m.sizeBytes, 0);

  const currentEmbedding = models.find((m) => m.id === list?.defaults.embedding) ?? null;
  /** Changing the embedding model of a library with passages asks first: search changes only after a re-embed. */
  const chooseDefault = (model: ModelInfo, role: ModelRole) => {
    if (role === 'embedding' && currentEmbedding && currentEmbedding.id !== model.id && passages > 0) {
      setSwitching(model);
      return;
    }
    void setDefault(role, model.id);
  };

  const confirmDelete = async (model: ModelInfo) => {
    setDeleting(null);
    if (await remove(model.id)) summaryRef.current?.focus();
  };

  const dropProps = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (file) void importFile(file);
    },
  };

  return (
    <Card title="Installed models" actions={<ImportButton />} className="card--wide" testId="models-installed">
      <div className={dragging ? 'drop-zone drop-zone--active' : 'drop-zone'} {...dropProps}>
        {list === null && <p className="muted">Loading…</p>}
        {list !== null && (
          <p className="card__note" tabIndex={-1} ref={summaryRef} data-testid="models-summary">
            {models.length === 0
              ? 'No models yet. Import a .gguf file (or drop one here), or download one.'
              : `${String(models.length)} ${models.length === 1 ? 'model' : 'models'}, ${formatBytes(total)} on disk. Drop a .gguf file here to add another.`}
          </p>
        )}
        <ImportStatus />
        {models.length > 0 && (
          <ul className="model-list" aria-label="Installed models">
            {models.map((model) => (
              <ModelRow
                key={model.id}
                model={model}
                isChatDefault={list?.defaults.chat === model.id}
                isEmbeddingDefault={list?.defaults.embedding === model.id}
                busy={busy.includes(model.id)}
                onSetDefault={(role) => {
                  chooseDefault(model, role);
                }}
                onDelete={() => {
                  setDeleting(model);
                }}
              />
            ))}
          </ul>
        )}
        {models.some((m) => !m.isEmbeddingModel && !m.isReranker) && (
          <p className="card__note" data-testid="models-embedding-note">
            Only embedding models can find passages in your documents, so chat models are not offered for it.
          </p>
        )}
        {dragging && (
          <p className="drop-zone__hint" aria-hidden="true">
            Drop the .gguf file to import it
          </p>
        )}
      </div>
      {switching && currentEmbedding && (
        <EmbeddingSwitchDialog
          current={currentEmbedding}
          next={switching}
          passages={passages}
          onCancel={() => {
            setSwitching(null);
          }}
          onConfirm={() => {
            setSwitching(null);
            void setDefault('embedding', switching.id);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.displayName}?`}
          confirmLabel="Delete"
          destructive
          onCancel={() => {
            setDeleting(null);
          }}
          onConfirm={() => void confirmDelete(deleting)}
        >
          <p>
            <span className="mono">{deleting.fileName}</span> ({formatBytes(deleting.sizeBytes)}) will be removed from
            this computer.
          </p>
          {(list?.defaults.chat === deleting.id || list?.defaults.embedding === deleting.id) && (
            <p>It is a default model; choose another one afterwards.</p>
          )}
          <p>This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
