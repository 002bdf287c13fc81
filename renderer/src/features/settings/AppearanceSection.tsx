import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';

const THEMES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

export function AppearanceSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  return (
    <Card title="Appearance">
      <ChoiceSetting
        legend="Theme"
        help="System follows your computer's light or dark mode."
        value={settings.appearance.theme}
        options={THEMES}
        onChange={(theme) => void update({ appearance: { theme } })}
        testIdPrefix="setting-theme"
      />
    </Card>
  );
}
