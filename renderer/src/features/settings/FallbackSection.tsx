import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { SETTING_LIMITS, TEXT_SETTINGS } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { CommitField } from './CommitField';
import { IntegerSetting } from './IntegerSetting';
import { SecretField } from './SecretField';

/** The remote, OpenAI-compatible endpoint that answers when no local model can. Off while the address is empty. */
export function FallbackSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const { remoteBaseUrl, remoteModel, remoteContextSize } = settings.fallback;
  return (
    <Card title="Fallback model" testId="fallback-section">
      <p className="card__note">
        When no model on this computer can answer, Hearth can ask an OpenAI-compatible server instead; your question
        then leaves this computer. Leave the address empty to never do that. Answers from it are marked
        &ldquo;fallback&rdquo;.
      </p>
      <CommitField
        label="Server address"
        help="Base URL, such as https://api.example.com/v1"
        value={remoteBaseUrl}
        validate={TEXT_SETTINGS.remoteBaseUrl}
        onCommit={(text) => void update({ fallback: { remoteBaseUrl: text } })}
        testId="setting-remote-url"
        input={{ type: 'url', autoComplete: 'off' }}
        wide
      />
      <CommitField
        label="Model name"
        help="As that server names it"
        value={remoteModel}
        validate={TEXT_SETTINGS.remoteModel}
        onCommit={(text) => void update({ fallback: { remoteModel: text } })}
        testId="setting-remote-model"
        input={{ type: 'text', autoComplete: 'off' }}
      />
      <IntegerSetting
        label="Its context size (tokens)"
        help="As that server runs the model; answers fit their sources to it"
        value={remoteContextSize}
        limits={SETTING_LIMITS.remoteContextSize}
        onCommit={(value) => void update({ fallback: { remoteContextSize: value } })}
        testId="setting-remote-context"
      />
      <SecretField
        name="remote-endpoint-key"
        label="API key"
        help="Sent only to that server."
        testId="setting-remote-key"
      />
    </Card>
  );
}
