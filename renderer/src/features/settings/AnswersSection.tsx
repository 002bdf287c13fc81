import type { Settings } from '@shared/settings';
import { Card } from '@/ui/Card';
import { SETTING_LIMITS } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';
import { IntegerSetting } from './IntegerSetting';

const ONLY_DOCUMENTS = [
  { value: 'on', label: 'Only my documents' },
  { value: 'off', label: 'Documents, else the model' },
] as const;

const RERANK = [
  { value: 'on', label: 'On' },
  { value: 'off', label: 'Off' },
] as const;

export function AnswersSection({ settings }: { settings: Settings }) {
  const update = useSettingsStore((s) => s.update);
  const { onlyFromDocuments, sources, maxTokens, rerank } = settings.answers;
  return (
    <Card title="Answers">
      <ChoiceSetting
        legend="Answer from"
        help="With “Only my documents”, a question nothing in the library answers gets “not found” instead of a guess."
        value={onlyFromDocuments ? 'on' : 'off'}
        options={ONLY_DOCUMENTS}
        onChange={(value) => void update({ answers: { onlyFromDocuments: value === 'on' } })}
        testIdPrefix="setting-only-documents"
      />
      <IntegerSetting
        label="Passages per question"
        help="How many passages the model reads before it answers; more is slower"
        value={sources}
        limits={SETTING_LIMITS.sources}
        onCommit={(value) => void update({ answers: { sources: value } })}
        testId="setting-sources"
      />
      <IntegerSetting
        label="Longest answer (tokens)"
        help="Answers stop here; the quick prompt uses half"
        value={maxTokens}
        limits={SETTING_LIMITS.answerMaxTokens}
        onCommit={(value) => void update({ answers: { maxTokens: value } })}
        testId="setting-answer-max-tokens"
      />
      <ChoiceSetting
        legend="Rerank passages"
        help="With a reranker installed (Models), found passages are reordered so the best come first; a little slower."
        value={rerank ? 'on' : 'off'}
        options={RERANK}
        onChange={(value) => void update({ answers: { rerank: value === 'on' } })}
        testIdPrefix="setting-rerank"
      />
    </Card>
  );
}
