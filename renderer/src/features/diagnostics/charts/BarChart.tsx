import type { Bar } from './chartData';

interface BarChartProps {
  /** What the chart shows, for screen readers and as its caption. */
  title: string;
  bars: readonly Bar[];
  /** Unit of the values, after the largest one on the axis. */
  unit: string;
  testId?: string;
}

const W = 320;
const H = 140;
const PAD = { top: 12, right: 8, bottom: 22, left: 36 };

/** A small bar chart in plain SVG (no inline styles, so the strict CSP holds); colours come from charts.css. */
export function BarChart({ title, bars, unit, testId }: BarChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const nonEmpty = bars.filter((b) => b.value > 0).length;
  return (
    <figure className="chart" data-testid={testId} data-bars={nonEmpty}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${describe(bars, unit)}`}>
        <line className="chart__axis" x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} />
        <text className="chart__tick" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {formatValue(max)}
        </text>
        <text className="chart__tick" x={PAD.left - 4} y={PAD.top + plotH} textAnchor="end">
          0
        </text>
        {bars.map((bar, i) => {
          const h = (bar.value / max) * plotH;
          const x = PAD.left + i * slot + slot * 0.15;
          return (
            <g key={bar.label}>
              <rect
                className="chart__bar"
                x={x}
                y={PAD.top + plotH - h}
                width={slot * 0.7}
                height={Math.max(0, h)}
                data-value={bar.value}
              >
                <title>{`${bar.label}: ${bar.value} ${unit}`}</title>
              </rect>
              <text className="chart__tick" x={x + slot * 0.35} y={H - 6} textAnchor="middle">
                {bar.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__caption">
        {title} <span className="chart__unit">({unit})</span>
      </figcaption>
    </figure>
  );
}

function formatValue(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

function describe(bars: readonly Bar[], unit: string): string {
  return bars.map((b) => `${b.label} ${b.value}`).join(', ') + ` ${unit}`;
}
