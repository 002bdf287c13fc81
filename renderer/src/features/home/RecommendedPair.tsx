import { useState } from 'react';
import type { CuratedModel, ModelList } from '@shared/runtimeSchemas';
import { formatBytes } from '@shared/formatBytes';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { Icon } from '@/ui/Icon';
import { sourceHost } from '@/features/models/formatModel';
import { useDownloadStore } from '@/features/models/useDownloadStore';

/** The best suggested chat and embedding models for this computer's memory that are not installed yet. */
function recommendedPair(list: ModelList): CuratedModel[] {
  const installed = new Set(list.models.map((m) => m.source));
  const pick = (role: CuratedModel['role'], has: boolean) =>
    has ? [] : list.curated.filter((m) => m.role === role && !installed.has(m.source)).slice(0, 1);
  return [...pick('chat', list.defaults.chat !== null), ...pick('embedding', list.defaults.embedding !== null)];
}

/** "Get the recommended pair": one confirmation naming the host, files and sizes, then both download in turn. */
export function RecommendedPair({ list }: { list: ModelList }) {
  const startAll = useDownloadStore((s) => s.startAll);
  const running = useDownloadStore((s) => s.phase === 'running');
  const [asking, setAsking] = useState(false);
  const pair = recommendedPair(list);
  if (pair.length === 0) return null;
  const total = pair.reduce((sum, m) => sum + m.sizeBytes, 0);
  const hosts = [...new Set(pair.map((m) => sourceHost(m.source)))].join(' and ');
  const label = pair.length === 2 ? 'Get the recommended pair' : `Get ${pair[0]?.displayName ?? 'it'}`;
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        disabled={running}
        onClick={() => {
          setAsking(true);
        }}
        data-testid="setup-recommended"
      >
        <Icon name="download" size={14} />
        {label}
      </button>
      {asking && (
        <ConfirmDialog
          title={`Download ${formatBytes(total)} from ${hosts}?`}
          confirmLabel="Download"
          onCancel={() => {
            setAsking(false);
          }}
          onConfirm={() => {
            setAsking(false);
            startAll(
              pair.map((m) => ({
                source: m.source,
                ...(m.sha256 ? { sha256: m.sha256 } : {}),
                displayName: m.displayName,
                origin: `curated:${m.key}`,
              })),
            );
          }}
        >
          <p>
            Chosen for this computer&rsquo;s {formatBytes(list.machine.totalRamBytes)} of memory, saved in
            Hearth&rsquo;s data folder:
          </p>
          <ul className="setup-pair" data-testid="setup-recommended-list">
            {pair.map((m) => (
              <li key={m.key}>
                <strong>{m.displayName}</strong> ({m.role === 'chat' ? 'chat' : 'embedding'}, {formatBytes(m.sizeBytes)}
                ) <span className="mono">{m.source}</span>
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </>
  );
}
