import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { SETTING_LIMITS, validateHost } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { CommitField } from './CommitField';
import { IntegerSetting } from './IntegerSetting';
import { SignOutBrowsers } from './SignOutBrowsers';

export function ServerSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  return (
    <Card title="Headless server">
      <p className="card__note" data-testid="server-restart-note">
        Used when Hearth runs without a window and serves this page to browsers. Changes apply at next start.
      </p>
      <CommitField
        label="Address"
        help="127.0.0.1 keeps the server reachable from this computer only"
        value={settings.server.host}
        validate={validateHost}
        onCommit={(host) => void update({ server: { host } })}
        testId="setting-server-host"
        input={{ type: 'text', inputMode: 'decimal', autoComplete: 'off' }}
      />
      <IntegerSetting
        label="Port"
        help="0 picks a free port at each start"
        value={settings.server.port}
        limits={SETTING_LIMITS.port}
        onCommit={(port) => void update({ server: { port } })}
        testId="setting-server-port"
      />
      <SignOutBrowsers />
    </Card>
  );
}
