import type { IntegerLimits } from './settingFields';
import { validateInteger } from './settingFields';
import { CommitField } from './CommitField';

interface IntegerSettingProps {
  label: string;
  help?: string;
  value: number;
  limits: IntegerLimits;
  onCommit: (value: number) => void;
  testId: string;
}

/** A whole-number setting bounded by its schema in settings.ts. */
export function IntegerSetting({ label, help, value, limits, onCommit, testId }: IntegerSettingProps) {
  const range = `${String(limits.min)}–${String(limits.max)}`;
  return (
    <CommitField
      label={label}
      help={help ? `${help} (${range})` : range}
      value={String(value)}
      validate={(text) => validateInteger(text, limits)}
      onCommit={(text) => {
        onCommit(Number(text));
      }}
      testId={testId}
      input={{ type: 'number', inputMode: 'numeric', min: limits.min, max: limits.max, step: 1 }}
    />
  );
}
