import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { SETTING_LIMITS } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { IntegerSetting } from './IntegerSetting';

export function InferenceSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const { threads, contextSize, idleUnloadMinutes } = settings.inference;
  return (
    <Card title="Inference">
      <IntegerSetting
        label="CPU threads"
        help="Threads the model uses to generate text"
        value={threads}
        limits={SETTING_LIMITS.threads}
        onCommit={(value) => void update({ inference: { threads: value } })}
        testId="setting-threads"
      />
      <IntegerSetting
        label="Context size (tokens)"
        help="How much text the model can consider at once; larger needs more memory"
        value={contextSize}
        limits={SETTING_LIMITS.contextSize}
        onCommit={(value) => void update({ inference: { contextSize: value } })}
        testId="setting-context-size"
      />
      <IntegerSetting
        label="Unload idle model after (minutes)"
        help="0 keeps the model loaded"
        value={idleUnloadMinutes}
        limits={SETTING_LIMITS.idleUnloadMinutes}
        onCommit={(value) => void update({ inference: { idleUnloadMinutes: value } })}
        testId="setting-idle-unload"
      />
    </Card>
  );
}
