import { useId } from 'react';
import { niceMax, totals } from './usage';
import type { UsageBar } from './usage';

// Hand-drawn SVG rather than a charting library: one grouped bar chart of at most 90 days is
// ~100 lines here, while a bar chart alone measured 56 kB gzip with Chart.js 4.6 (tree-shaken,
// canvas: opaque to screen readers) and 126 kB with recharts 3.11, against 85 kB for the whole
// SPA, which is one bundle. The SVG carries a summary and the exact figures as a table.
const width = 720;
const height = 240;
const margin = { top: 12, right: 8, bottom: 28, left: 48 };
const numberFormat = new Intl.NumberFormat('en');
const dayFormat = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** Requests and rejections per day as paired bars, with the exact figures in a table beneath. */
export function UsageChart({ bars, caption }: { bars: UsageBar[]; caption: string }) {
  const titleId = useId();
  const descId = useId();
  const sum = totals(bars);
  const max = niceMax(Math.max(0, ...bars.map((b) => b.requests), ...bars.map((b) => b.rejected)));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(bars.length, 1);
  const barWidth = Math.max(1, Math.min(14, (slot - 2) / 2));
  const y = (value: number) => margin.top + plotHeight - (value / max) * plotHeight;
  const labelEvery = Math.ceil(bars.length / 10);
  const first = bars[0];
  const last = bars[bars.length - 1];

  return (
    <figure className="usage-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
        <title id={titleId}>{caption}</title>
        <desc id={descId}>
          {first && last ? `${formatDay(first.day)} to ${formatDay(last.day)}: ` : ''}
          {numberFormat.format(sum.requests)} requests, {numberFormat.format(sum.rejected)} rejected.
        </desc>
        {[0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => (
          <g key={f} className="chart-grid">
            <line x1={margin.left} x2={width - margin.right} y1={y(max * f)} y2={y(max * f)} />
            <text x={margin.left - 6} y={y(max * f) + 4} textAnchor="end">
              {numberFormat.format(Math.round(max * f))}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const x = margin.left + i * slot + slot / 2;
          return (
            <g key={bar.day} data-day={bar.day}>
              <rect
                className="chart-bar-requests"
                x={x - barWidth}
                y={y(bar.requests)}
                width={barWidth}
                height={margin.top + plotHeight - y(bar.requests)}
                data-value={bar.requests}
              >
                <title>{`${formatDay(bar.day)}: ${numberFormat.format(bar.requests)} requests`}</title>
              </rect>
              <rect
                className="chart-bar-rejected"
                x={x}
                y={y(bar.rejected)}
                width={barWidth}
                height={margin.top + plotHeight - y(bar.rejected)}
                data-value={bar.rejected}
              >
                <title>{`${formatDay(bar.day)}: ${numberFormat.format(bar.rejected)} rejected`}</title>
              </rect>
              {i % labelEvery === 0 && (
                <text className="chart-axis" x={x} y={height - 8} textAnchor="middle">
                  {formatDay(bar.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span className="legend-requests">Requests</span> <span className="legend-rejected">Rejected</span>
      </figcaption>
      <details>
        <summary>Show the numbers</summary>
        <div className="table-scroll">
          <table className="table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Requests</th>
                <th scope="col">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.day}>
                  <th scope="row">{formatDay(bar.day)}</th>
                  <td>{numberFormat.format(bar.requests)}</td>
                  <td>{numberFormat.format(bar.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
