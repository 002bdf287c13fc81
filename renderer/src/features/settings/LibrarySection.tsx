import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { SETTING_LIMITS } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { IntegerSetting } from './IntegerSetting';
import { OcrLanguagesSetting } from './OcrLanguagesSetting';

export function LibrarySection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  return (
    <Card title="Library">
      <IntegerSetting
        label="Largest file to add (MB)"
        help="Bigger files are refused"
        value={settings.library.maxFileSizeMB}
        limits={SETTING_LIMITS.maxFileSizeMB}
        onCommit={(value) => void update({ library: { maxFileSizeMB: value } })}
        testId="setting-max-file-size"
      />
      <OcrLanguagesSetting
        value={settings.library.ocrLanguages}
        onChange={(ocrLanguages) => void update({ library: { ocrLanguages } })}
      />
    </Card>
  );
}
