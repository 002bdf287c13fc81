import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';
import { MOD_LABEL } from '@/lib/platformKeys';
import { useShortcutsStore } from '@/shell/useShortcutsStore';

const THEMES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

const SEND_WITH = [
  { value: 'enter', label: 'Enter' },
  { value: 'mod-enter', label: `${MOD_LABEL}+Enter` },
] as const;

export function AppearanceSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const showShortcuts = useShortcutsStore((s) => s.setOpen);
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
      <ChoiceSetting
        legend="Send messages with"
        help={
          settings.appearance.sendWith === 'enter'
            ? 'Shift+Enter adds a new line.'
            : `Enter adds a new line; ${MOD_LABEL}+Enter sends.`
        }
        value={settings.appearance.sendWith}
        options={SEND_WITH}
        onChange={(sendWith) => void update({ appearance: { sendWith } })}
        testIdPrefix="setting-send-with"
      />
      <p className="card__note">
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            showShortcuts(true);
          }}
          data-testid="settings-show-shortcuts"
        >
          Keyboard shortcuts
        </button>{' '}
        Press ? anywhere outside a text box to see them.
      </p>
    </Card>
  );
}
