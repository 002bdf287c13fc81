interface MetricProps {
  /** What it measures, in plain words. */
  label: string;
  /** The technical name, for support (shown small under the label). */
  detail?: string;
  value: string;
  testId?: string;
}

/** One figure in the live panel. */
export function Metric({ label, detail, value, testId }: MetricProps) {
  return (
    <div className="metric">
      <dt className="metric__label">
        {label}
        {detail && <span className="metric__detail">{detail}</span>}
      </dt>
      <dd className="metric__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
