import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { ObjectStoreSettings } from './ObjectStoreSettings';
import { StorageStatusView } from './StorageStatusView';
import { VectorStoreSettings } from './VectorStoreSettings';

/** Where originals and vectors live: what runs now, and what to use from the next start. */
export function StorageSection({ settings }: { settings: Settings }) {
  return (
    <Card title="Storage" testId="storage-section">
      <h3 className="subheading subheading--first">In use now</h3>
      <StorageStatusView />
      <h3 className="subheading">Choose</h3>
      <p className="card__note" data-testid="storage-restart-note">
        Changes here apply at next start.
      </p>
      <VectorStoreSettings storage={settings.storage} />
      <ObjectStoreSettings storage={settings.storage} />
    </Card>
  );
}
