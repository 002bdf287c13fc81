import type { Point } from './chartData';

interface LineChartProps {
  /** What the chart shows, for screen readers and as its caption. */
  title: string;
  points: readonly Point[];
  unit: string;
  testId?: string;
}

const W = 320;
const H = 140;
const PAD = { top: 12, right: 8, bottom: 22, left: 36 };

/** A small line chart over time in plain SVG: one dot per sample, joined oldest to newest. */
export function LineChart({ title, points, unit, testId }: LineChartProps) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const maxY = Math.max(1, ...points.map((p) => p.y));
  const minX = points[0]?.x ?? 0;
  const spanX = Math.max(1, (points.at(-1)?.x ?? 0) - minX);
  const xy = points.map((p, i) => ({
    x: PAD.left + (points.length === 1 ? plotW / 2 : ((p.x - minX) / spanX) * plotW),
    y: PAD.top + plotH - (p.y / maxY) * plotH,
    value: p.y,
    key: `${p.x}-${i}`,
  }));
  const last = points.at(-1);
  return (
    <figure className="chart" data-testid={testId} data-points={points.length}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${points.length} samples${last ? `, latest ${round(last.y)} ${unit}` : ''}`}
      >
        <line className="chart__axis" x1={PAD.left} y1={PAD.top + plotH} x2={W - PAD.right} y2={PAD.top + plotH} />
        <text className="chart__tick" x={PAD.left - 4} y={PAD.top + 8} textAnchor="end">
          {round(maxY)}
        </text>
        <text className="chart__tick" x={PAD.left - 4} y={PAD.top + plotH} textAnchor="end">
          0
        </text>
        <text className="chart__tick" x={PAD.left} y={H - 6}>
          {points.length > 0 ? 'older' : ''}
        </text>
        <text className="chart__tick" x={W - PAD.right} y={H - 6} textAnchor="end">
          {points.length > 0 ? 'latest' : ''}
        </text>
        {xy.length > 1 && <polyline className="chart__line" points={xy.map((p) => `${p.x},${p.y}`).join(' ')} />}
        {xy.map((p) => (
          <circle key={p.key} className="chart__dot" cx={p.x} cy={p.y} r={3}>
            <title>{`${round(p.value)} ${unit}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="chart__caption">
        {title} <span className="chart__unit">({unit})</span>
      </figcaption>
    </figure>
  );
}

function round(value: number): number {
  return value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}
