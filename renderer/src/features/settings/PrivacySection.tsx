import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';

const TELEMETRY = [
  { value: 'off', label: 'Off' },
  { value: 'local', label: 'Local only' },
] as const;

export function PrivacySection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  return (
    <Card title="Privacy">
      <ChoiceSetting
        legend="Telemetry"
        help="Local only keeps traces and metrics in Hearth's data folder for Diagnostics. Nothing is ever sent anywhere."
        value={settings.privacy.telemetry}
        options={TELEMETRY}
        onChange={(telemetry) => void update({ privacy: { telemetry } })}
        testIdPrefix="setting-telemetry"
      />
    </Card>
  );
}
