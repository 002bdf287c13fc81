import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';
import { CommitField } from './CommitField';
import { TEXT_SETTINGS } from './settingFields';

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
        help="Recent traces and metrics always stay in memory for Diagnostics. Local only also keeps traces in Hearth's data folder (telemetry/spans.jsonl)."
        value={settings.privacy.telemetry}
        options={TELEMETRY}
        onChange={(telemetry) => void update({ privacy: { telemetry } })}
        testIdPrefix="setting-telemetry"
      />
      <CommitField
        label="OTLP endpoint"
        help="Empty: nothing is sent anywhere. Set, traces and metrics go to this OpenTelemetry collector (such as http://localhost:4318; see deploy/observability). Only from this computer."
        value={settings.privacy.otlpEndpoint}
        validate={TEXT_SETTINGS.otlpEndpoint}
        onCommit={(text) => void update({ privacy: { otlpEndpoint: text } })}
        testId="setting-otlp-endpoint"
        input={{ type: 'url', autoComplete: 'off' }}
        wide
      />
    </Card>
  );
}
