import { ScreenHeader } from '../components/ScreenHeader';
import { useSettingsStore } from '../store/useSettingsStore';
import { AnswersSection } from './settings/AnswersSection';
import { AppearanceSection } from './settings/AppearanceSection';
import { FallbackSection } from './settings/FallbackSection';
import { InferenceSection } from './settings/InferenceSection';
import { LibrarySection } from './settings/LibrarySection';
import { PrivacySection } from './settings/PrivacySection';
import { ResetSettings } from './settings/ResetSettings';
import { SaveStatus } from './settings/SaveStatus';
import { SecretsSection } from './settings/SecretsSection';
import { ServerSection } from './settings/ServerSection';
import { StorageSection } from './settings/StorageSection';

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
      </div>
    </>
  );
}
