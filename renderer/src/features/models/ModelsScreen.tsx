import { ScreenHeader } from '@/ui/ScreenHeader';
import { useDownloadStore } from './useDownloadStore';
import { useModelsStore } from './useModelsStore';
import { DownloadCard } from './DownloadCard';
import { FirstRunPanel } from './FirstRunPanel';
import { InstalledModelsCard } from './InstalledModelsCard';
import { RuntimeCard } from './RuntimeCard';

export function ModelsScreen() {
  const list = useModelsStore((s) => s.list);
  const curatedDownload = useDownloadStore((s) => s.request?.origin.startsWith('curated:') ?? false);
  const firstRun = list !== null && list.models.length === 0;
  return (
    <>
      <ScreenHeader
        title="Models"
        lead="Language models that run on this computer. Chat needs one; finding passages in documents uses an embedding model."
      />
      {firstRun && <FirstRunPanel list={list} />}
      <div className="card-grid">
        <InstalledModelsCard list={list} />
        {/* The catalogue stays, collapsed, once something is installed. */}
        {list !== null && !firstRun && <FirstRunPanel list={list} collapsed />}
        {/* A suggested model's progress shows in the welcome panel while that is on screen. */}
        <DownloadCard showStatus={!(firstRun && curatedDownload)} />
        <RuntimeCard />
      </div>
    </>
  );
}
