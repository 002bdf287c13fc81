interface ProgressBarProps {
  /** Accessible name ("Download progress"). */
  label: string;
  /** 0–100, or null while the total is unknown (indeterminate: no aria-valuenow). */
  percent: number | null;
  /** What a screen reader says instead of the bare number ("1.2 GB of 4 GB"). */
  valueText?: string;
  testId?: string;
}

/** A determinate or indeterminate bar; the figures around it are written out in text as well. */
export function ProgressBar({ label, percent, valueText, testId }: ProgressBarProps) {
  const value = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      className={value === null ? 'progress progress--indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      {/* Set through the CSSOM (React's style prop), which the CSP's style-src allows, unlike a style attribute. */}
      <div className="progress__fill" style={value === null ? undefined : { width: `${String(value)}%` }} />
    </div>
  );
}
