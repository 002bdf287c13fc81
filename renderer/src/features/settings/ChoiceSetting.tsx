import { useId } from 'react';

interface ChoiceSettingProps<V extends string> {
  legend: string;
  help?: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
  /** Each radio gets `${testIdPrefix}-${value}`. */
  testIdPrefix: string;
}

/** A radio group drawn as a segmented control (arrow keys move between options); saved as soon as it changes. */
export function ChoiceSetting<V extends string>({
  legend,
  help,
  value,
  options,
  onChange,
  testIdPrefix,
}: ChoiceSettingProps<V>) {
  const name = useId();
  const labelId = `${name}-label`;
  const helpId = `${name}-help`;
  return (
    <div className="setting-row">
      <div className="setting-row__label">
        <p id={labelId} className="setting-row__legend">
          {legend}
        </p>
        {help && (
          <p id={helpId} className="setting-row__help">
            {help}
          </p>
        )}
      </div>
      <div className="setting-row__control">
        <div
          className="segmented"
          role="radiogroup"
          aria-labelledby={labelId}
          aria-describedby={help ? helpId : undefined}
        >
          {options.map((option) => (
            <label key={option.value} className="segmented__option">
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={option.value === value}
                onChange={() => {
                  onChange(option.value);
                }}
                data-testid={`${testIdPrefix}-${option.value}`}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </div>
    </div>
  );
}
