interface MetricProps {
  label: string;
  value: string;
  testId?: string;
}

/** One figure in the live panel. */
export function Metric({ label, value, testId }: MetricProps) {
  return (
    <div className="metric">
      <dt className="metric__label">{label}</dt>
      <dd className="metric__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
