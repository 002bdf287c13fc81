import { ScreenHeader } from '@/ui/ScreenHeader';
import { useSettingsStore } from './useSettingsStore';
import { AnswersSection } from './AnswersSection';
import { AppearanceSection } from './AppearanceSection';
import { BackupsCard } from './backup/BackupsCard';
import { ConnectAppsSection } from './connect/ConnectAppsSection';
import { FallbackSection } from './FallbackSection';
import { InferenceSection } from './InferenceSection';
import { LibrarySection } from './LibrarySection';
import { PrivacySection } from './PrivacySection';
import { ResetSettings } from './ResetSettings';
import { SaveStatus } from './SaveStatus';
import { SecretsSection } from './SecretsSection';
import { ServerSection } from './ServerSection';
import { StorageSection } from './StorageSection';

export function SettingsScreen() {
  const settings = useSettingsStore((s) => s.settings);
  return (
    <>
      <ScreenHeader title="Settings" lead="Changes are saved as you make them." aside={<SaveStatus />} />
      <div className="settings-stack">
        {settings ? (
          <>
            <AppearanceSection settings={settings} />
            <InferenceSection settings={settings} />
            <FallbackSection settings={settings} />
            <LibrarySection settings={settings} />
            <BackupsCard />
            <AnswersSection settings={settings} />
            <StorageSection settings={settings} />
            <ServerSection settings={settings} />
            <PrivacySection settings={settings} />
            <ResetSettings />
          </>
        ) : (
          <p className="muted">Loading settings…</p>
        )}
        <SecretsSection />
        <ConnectAppsSection />
      </div>
    </>
  );
}
