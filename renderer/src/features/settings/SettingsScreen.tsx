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
import { SettingsGroup } from './SettingsGroup';
import { SettingsSectionNav } from './SettingsSectionNav';
import { StorageSection } from './StorageSection';

const SECTIONS = [
  { id: 'general', title: 'General' },
  { id: 'models', title: 'Models & answers' },
  { id: 'library', title: 'Library' },
  { id: 'storage', title: 'Storage' },
  { id: 'server', title: 'Server' },
  { id: 'privacy', title: 'Privacy' },
  { id: 'advanced', title: 'Advanced' },
] as const;

const title = (id: (typeof SECTIONS)[number]['id']) => SECTIONS.find((s) => s.id === id)?.title ?? id;

export function SettingsScreen() {
  const settings = useSettingsStore((s) => s.settings);
  return (
    <>
      <ScreenHeader title="Settings" lead="Changes are saved as you make them." aside={<SaveStatus />} />
      <div className="settings-layout">
        <SettingsSectionNav sections={SECTIONS} />
        <div className="settings-stack">
          {settings ? (
            <>
              <SettingsGroup id="general" title={title('general')}>
                <AppearanceSection settings={settings} />
              </SettingsGroup>
              <SettingsGroup id="models" title={title('models')}>
                <AnswersSection settings={settings} />
                <InferenceSection settings={settings} />
                <FallbackSection settings={settings} />
              </SettingsGroup>
              <SettingsGroup id="library" title={title('library')}>
                <LibrarySection settings={settings} />
                <BackupsCard />
              </SettingsGroup>
              <SettingsGroup id="storage" title={title('storage')}>
                <StorageSection settings={settings} />
              </SettingsGroup>
              <SettingsGroup id="server" title={title('server')}>
                <ServerSection settings={settings} />
                <ConnectAppsSection />
              </SettingsGroup>
              <SettingsGroup id="privacy" title={title('privacy')}>
                <PrivacySection settings={settings} />
              </SettingsGroup>
              <SettingsGroup id="advanced" title={title('advanced')}>
                <SecretsSection />
                <ResetSettings />
              </SettingsGroup>
            </>
          ) : (
            <p className="muted">Loading settings…</p>
          )}
        </div>
      </div>
    </>
  );
}
