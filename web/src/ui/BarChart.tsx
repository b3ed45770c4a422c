// A horizontal bar chart drawn with SVG: one row per item, bars stacked from coloured
// segments. Labels and values are HTML beside each bar (they wrap, scale with rem and stay
// readable on a wall display); each row names its value for screen readers, and each
// segment tells its part on hover.

import './barChart.css';

export interface BarSegment {
  key: string;
  label: string;
  value: number;
  colour: string;
}

export interface BarRow {
  key: string;
  label: string;
  total: number;
  segments: BarSegment[];
}

export interface BarChartProps {
  title: string;
  rows: BarRow[];
  format: (n: number) => string;
  /** The words for a row's value, e.g. "Kazakhstan: 1,200 personnel". */
  describe: (row: BarRow) => string;
  testId?: string;
}

const WIDTH = 1000;

export function BarChart({ title, rows, format, describe, testId }: BarChartProps) {
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <figure class="bar-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ul class="bar-rows">
        {rows.map((row) => {
          let x = 0;
          return (
            <li key={row.key} class="bar-row" aria-label={describe(row)} data-key={row.key} data-total={row.total}>
              <span class="bar-label" title={row.label} aria-hidden="true">
                {row.label}
              </span>
              <svg class="bar-svg" viewBox={`0 0 ${WIDTH} 10`} preserveAspectRatio="none" aria-hidden="true">
                <rect class="bar-track" x="0" y="0" width={WIDTH} height="10" />
                {row.segments.map((s) => {
                  const w = (s.value / max) * WIDTH;
                  const rect = (
                    <rect key={s.key} x={x} y="0" width={w} height="10" fill={s.colour}>
                      <title>{`${s.label}: ${format(s.value)}`}</title>
                    </rect>
                  );
                  x += w;
                  return rect;
                })}
              </svg>
              <span class="bar-value num" aria-hidden="true">
                {format(row.total)}
              </span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
