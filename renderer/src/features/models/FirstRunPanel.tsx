import { useId, useState } from 'react';
import type { CuratedModel } from '@shared/runtimeSchemas';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';
import { sourceHost } from './formatModel';
import { useDownloadStore } from './useDownloadStore';
import type { ModelList } from '@shared/runtimeSchemas';
import { CuratedItem } from './CuratedItem';
import { DownloadStatus } from './DownloadStatus';

/**
 * Suggestions that fit this machine; nothing downloads until the person confirms. Open on first run (no model yet),
 * afterwards a collapsed catalogue under the installed models.
 */
export function FirstRunPanel({ list, collapsed = false }: { list: ModelList; collapsed?: boolean }) {
  const headingId = useId();
  const start = useDownloadStore((s) => s.start);
  const running = useDownloadStore((s) => s.phase === 'running');
  const fromHere = useDownloadStore((s) => s.request?.origin.startsWith('curated:') ?? false);
  const [asking, setAsking] = useState<CuratedModel | null>(null);
  const { curated, machine } = list;
  const installed = new Set(list.models.map((m) => m.source));

  const confirm = (model: CuratedModel) => {
    setAsking(null);
    start({
      source: model.source,
      ...(model.sha256 ? { sha256: model.sha256 } : {}),
      displayName: model.displayName,
      origin: `curated:${model.key}`,
    });
  };

  const suggestions =
    curated.length === 0 ? (
      <p className="first-run__empty">
        No suggested model fits this computer&rsquo;s memory. Import a .gguf file or download one by link below.
      </p>
    ) : (
      <ul className="curated-list">
        {curated.map((model) => (
          <CuratedItem
            key={model.key}
            model={model}
            installed={installed.has(model.source)}
            disabled={running}
            onDownload={() => {
              setAsking(model);
            }}
          />
        ))}
      </ul>
    );
  const dialog = asking && (
    <ConfirmDialog
      title={`Download ${formatBytes(asking.sizeBytes)} from ${sourceHost(asking.source)}?`}
      confirmLabel="Download"
      onCancel={() => {
        setAsking(null);
      }}
      onConfirm={() => {
        confirm(asking);
      }}
    >
      <p data-testid="curated-confirm-memory">
        {asking.displayName} will be saved in Hearth&rsquo;s data folder. It needs about{' '}
        {formatBytes(asking.memoryBytes)} of memory while it runs
        {/* Only a chat model asks much of the computer; an embedding model's need is the whole story. */}
        {asking.role === 'chat'
          ? `, and runs best on a computer with ${formatBytes(asking.minRamBytes)} or more.`
          : '.'}
      </p>
      <p className="mono">{asking.source}</p>
    </ConfirmDialog>
  );

  if (collapsed) {
    return (
      <details className="card card--wide catalogue" data-testid="models-curated">
        <summary className="catalogue__summary">
          Suggested models for this computer&rsquo;s {formatBytes(machine.totalRamBytes)} of memory
        </summary>
        {suggestions}
        {/* Its progress shows in the Download card, which stays visible while this is closed. */}
        {dialog}
      </details>
    );
  }

  return (
    <section className="first-run" aria-labelledby={headingId} data-testid="models-curated">
      <div className="first-run__head">
        <Icon name="flame" size={28} className="first-run__logo" />
        <div>
          <h2 id={headingId} className="first-run__title">
            Get a model to start chatting
          </h2>
          <p className="first-run__lead">
            Hearth runs language models on this computer, so it needs one before it can answer. Document chat needs a
            chat model and an embedding model. These fit this computer&rsquo;s {formatBytes(machine.totalRamBytes)} of
            memory. Nothing is downloaded until you choose.
          </p>
        </div>
      </div>
      {suggestions}
      {fromHere && <DownloadStatus />}
      {dialog}
    </section>
  );
}
