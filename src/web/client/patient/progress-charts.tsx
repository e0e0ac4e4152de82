/**
 * The Progress page's charts: our own inline SVG, no chart library. Each
 * chart is a figure with its plain-words sentence first, the drawing (an
 * image with a title and a description for screen readers), and the same
 * numbers as a table behind "Show the numbers".
 */
import type { ComponentChildren } from 'preact';

const W = 420;
const H = 200;
const PAD = { left: 34, right: 12, top: 18, bottom: 34 };
const innerW = W - PAD.left - PAD.right;
const innerH = H - PAD.top - PAD.bottom;

/** "Nov 27" for a YYYY-MM-DD day. */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export function ChartFigure(props: {
  id: string;
  title: string;
  sentence: string;
  description: string;
  children: ComponentChildren;
  table: { head: string[]; rows: (string | number)[][] };
  legend?: ComponentChildren;
}) {
  return (
    <figure class="pg-figure" aria-labelledby={`${props.id}-cap`}>
      <figcaption id={`${props.id}-cap`} class="pg-figcap">
        <span class="visually-hidden">{props.title}: </span>
        <span class="pg-sentence">{props.sentence}</span>
      </figcaption>
      <svg
        class="pg-svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${props.id}-t ${props.id}-d`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${props.id}-t`}>{props.title}</title>
        <desc id={`${props.id}-d`}>{props.description}</desc>
        {props.children}
      </svg>
      {props.legend}
      <details class="pg-numbers">
        <summary>Show the numbers</summary>
        <div class="pg-tablewrap">
          <table class="pg-table">
            <caption class="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                {props.table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={j}>{c}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Morning pain per day (0-10) as a line with gaps for days without a check-in, and the starting level dashed. */
export function PainLine(props: {
  id: string;
  sentence: string;
  days: { date: string; painNow: number | null }[];
  baseline: number | null;
}) {
  const days = props.days;
  const n = Math.max(1, days.length - 1);
  const sx = (i: number) => PAD.left + (days.length === 1 ? innerW / 2 : (i / n) * innerW);
  const sy = (v: number) => PAD.top + (1 - v / 10) * innerH;
  // Runs of consecutive days with a value become one polyline each.
  const runs: string[] = [];
  let run: string[] = [];
  days.forEach((d, i) => {
    if (d.painNow === null) {
      if (run.length) runs.push(run.join(' '));
      run = [];
    } else run.push(`${sx(i).toFixed(1)},${sy(d.painNow).toFixed(1)}`);
  });
  if (run.length) runs.push(run.join(' '));
  const known = days.filter((d) => d.painNow !== null);
  const first = days[0];
  const last = days.at(-1);
  const mid = days[Math.floor(days.length / 2)];
  const description =
    known.length === 0
      ? 'No check-ins yet.'
      : `${known.length} morning check-ins from ${dayLabel(first?.date ?? '')} to ${dayLabel(last?.date ?? '')}. ` +
        `Pain ranged from ${Math.min(...known.map((d) => d.painNow ?? 0))} to ${Math.max(...known.map((d) => d.painNow ?? 0))} out of 10; the latest was ${known.at(-1)?.painNow}.`;
  return (
    <ChartFigure
      id={props.id}
      title="Morning pain, 0 to 10"
      sentence={props.sentence}
      description={description}
      table={{
        head: ['Day', 'Pain (0-10)'],
        rows: known.map((d) => [dayLabel(d.date), d.painNow ?? '']),
      }}
    >
      {[0, 2, 4, 6, 8, 10].map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={sy(v)} y2={sy(v)} class="pg-grid" />
          <text x={PAD.left - 8} y={sy(v) + 5} text-anchor="end" class="pg-axis">
            {v}
          </text>
        </g>
      ))}
      {props.baseline !== null && (
        <g>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={sy(props.baseline)}
            y2={sy(props.baseline)}
            class="pg-baseline"
          />
          <text x={W - PAD.right} y={sy(props.baseline) - 5} text-anchor="end" class="pg-axis pg-axis-strong">
            at the start
          </text>
        </g>
      )}
      {runs.map((pts, i) => (
        <polyline key={i} points={pts} class="pg-line" />
      ))}
      {days.map((d, i) =>
        d.painNow === null ? null : (
          <circle
            key={d.date}
            cx={sx(i)}
            cy={sy(d.painNow)}
            r={days.length > 30 ? 2.5 : 3.5}
            class="pg-dot"
          />
        ),
      )}
      {first && (
        <text x={PAD.left} y={H - 8} class="pg-axis">
          {dayLabel(first.date)}
        </text>
      )}
      {mid && days.length > 6 && (
        <text x={sx(Math.floor(days.length / 2))} y={H - 8} text-anchor="middle" class="pg-axis">
          {dayLabel(mid.date)}
        </text>
      )}
      {last && days.length > 1 && (
        <text x={W - PAD.right} y={H - 8} text-anchor="end" class="pg-axis">
          {dayLabel(last.date)}
        </text>
      )}
    </ChartFigure>
  );
}

export interface WeekBar {
  label: string;
  value: number;
  /** The goal for that week (a tick across the bar), when there is one. */
  goal: number | null;
  partial: boolean;
  /** What the table says for this bar, e.g. "95 of 90 minutes". */
  text: string;
}

/** One bar per week, each with its own goal tick; a week still running is drawn lighter. */
export function WeekBars(props: {
  id: string;
  title: string;
  sentence: string;
  bars: WeekBar[];
  max?: number;
  unit: string;
  valueHead: string;
  legend?: ComponentChildren;
}) {
  const bars = props.bars;
  const max = props.max ?? Math.max(1, ...bars.map((b) => b.value), ...bars.map((b) => b.goal ?? 0)) * 1.12;
  const slot = innerW / Math.max(1, bars.length);
  const bw = Math.min(44, slot * 0.62);
  const sy = (v: number) => PAD.top + (1 - Math.min(v, max) / max) * innerH;
  const description = bars
    .map((b) => `Week of ${b.label}${b.partial ? ' (so far)' : ''}: ${b.text}`)
    .join('. ');
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      sentence={props.sentence}
      description={description || 'Nothing yet.'}
      legend={props.legend}
      table={{
        head: ['Week of', props.valueHead],
        rows: bars.map((b) => [b.label + (b.partial ? ' (so far)' : ''), b.text]),
      }}
    >
      <line x1={PAD.left} x2={W - PAD.right} y1={sy(0)} y2={sy(0)} class="pg-grid" />
      {bars.map((b, i) => {
        const cx = PAD.left + i * slot + slot / 2;
        const met = b.goal !== null && b.value >= b.goal && b.value > 0;
        return (
          <g key={i}>
            <rect
              x={cx - bw / 2}
              y={sy(b.value)}
              width={bw}
              height={Math.max(b.value > 0 ? 2 : 0, sy(0) - sy(b.value))}
              rx="4"
              class={`pg-bar${met ? ' is-met' : ''}${b.partial ? ' is-partial' : ''}`}
            />
            {b.goal !== null && b.goal > 0 && (
              <line
                x1={cx - bw / 2 - 5}
                x2={cx + bw / 2 + 5}
                y1={sy(b.goal)}
                y2={sy(b.goal)}
                class="pg-goal"
              />
            )}
            <text x={cx} y={Math.max(PAD.top + 4, sy(b.value) - 7)} text-anchor="middle" class="pg-val">
              {Math.round(b.value)}
              {props.unit}
            </text>
            <text x={cx} y={H - 8} text-anchor="middle" class="pg-axis">
              {b.label}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

/** A small 0-10 line for one functional activity. */
export function Spark(props: { points: { date: string; score: number }[]; label: string }) {
  const w = 120;
  const h = 40;
  const pts = props.points;
  const sx = (i: number) => 6 + (pts.length <= 1 ? (w - 12) / 2 : (i / (pts.length - 1)) * (w - 12));
  const sy = (v: number) => 4 + (1 - v / 10) * (h - 8);
  return (
    <svg class="pg-spark" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      <line x1="0" x2={w} y1={sy(0)} y2={sy(0)} class="pg-grid" />
      <line x1="0" x2={w} y1={sy(10)} y2={sy(10)} class="pg-grid" />
      {pts.length > 1 && (
        <polyline points={pts.map((p, i) => `${sx(i)},${sy(p.score)}`).join(' ')} class="pg-line" />
      )}
      {pts.map((p, i) => (
        <circle key={i} cx={sx(i)} cy={sy(p.score)} r="3.5" class="pg-dot" />
      ))}
    </svg>
  );
}
