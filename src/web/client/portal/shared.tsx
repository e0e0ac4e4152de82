import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { SessionUser } from '../types';

/** GETs a URL, with reload; `error` is a sentence a person can read. */
export function useLoad<T>(url: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    let live = true;
    setError(null);
    api<T>('GET', url)
      .then((d) => {
        if (live) setData(d);
      })
      .catch((e: { message?: string }) => {
        if (live) setError(e.message ?? 'Could not load this.');
      });
    return () => {
      live = false;
    };
  }, [url, tick]);
  return { data, error, reload: () => setTick((t) => t + 1), setData };
}

export { Loading } from '../forms';

export function LoadError(props: { error: string }) {
  return <div class="alert alert-error">{props.error}</div>;
}

/** "Nov 27" for a YYYY-MM-DD or ISO timestamp. */
export function shortDate(value: string): string {
  const d = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

export function dateTime(value: string): string {
  return new Date(value).toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

export const percent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);

/** "Active" or "Deactivated", for a person's account. */
export function AccountBadge(props: { active: boolean }) {
  return props.active ? (
    <span class="badge">Active</span>
  ) : (
    <span class="badge badge-muted">Deactivated</span>
  );
}

/** A pending invitation and the day its link stops working. */
export function InvitedBadge(props: { expiresAt: string }) {
  return <span class="badge badge-muted">Invited · expires {shortDate(props.expiresAt)}</span>;
}

/** A labelled drop-down; `any` is a first choice with the value "" (e.g. "Everyone"). */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: [value: string, label: string][];
  any?: string;
  class?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div class={props.class ? `field ${props.class}` : 'field'}>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A table in a labelled, focusable region that scrolls sideways on a phone.
 * `head` are the column headings; a `false` one (a column not shown) is left out.
 */
export function DataTable(props: {
  label: string;
  class?: string;
  head: (ComponentChildren | false)[];
  wrapRef?: Ref<HTMLDivElement>;
  children: ComponentChildren;
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={props.label} ref={props.wrapRef}>
      <table class={props.class ? `table ${props.class}` : 'table'}>
        <thead>
          <tr>
            {props.head
              .filter((h) => h !== false)
              .map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** The portal's own navigation, under the page header. */
export function PortalNav(props: { user: SessionUser; current: string }) {
  const links: [string, string][] = [
    [props.user.role === 'clinician' ? '/app' : '/app/patients', 'Patients'],
    ['/app/outcomes', 'Outcomes'],
    ['/app/thresholds', 'Plan thresholds'],
  ];
  if (props.user.role === 'admin') {
    links.unshift(['/app', 'Team']);
    links.push(['/app/admin/settings', 'Clinic settings'], ['/app/admin/audit', 'Audit log']);
  }
  return (
    <nav class="pp-nav" aria-label="Clinic portal">
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href} aria-current={props.current === href ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// ---------------------------------------------------------------------------
// Charts: plain SVG, each with a title, a description and a text summary beside it.

const W = 560;
const H = 200;
const PAD = { left: 34, right: 12, top: 12, bottom: 28 };

/** Morning pain (0-10) over time as a line. */
export function PainChart(props: { points: { date: string; painNow: number }[]; id: string }) {
  const pts = props.points;
  if (pts.length === 0) return <p class="muted">No check-ins yet.</p>;
  const x0 = Date.parse(`${pts[0]!.date}T00:00:00Z`);
  const x1 = Math.max(x0 + 86_400_000, Date.parse(`${pts.at(-1)!.date}T00:00:00Z`));
  const sx = (d: string) =>
    PAD.left + ((Date.parse(`${d}T00:00:00Z`) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => PAD.top + (1 - v / 10) * (H - PAD.top - PAD.bottom);
  const line = pts.map((p) => `${sx(p.date).toFixed(1)},${sy(p.painNow).toFixed(1)}`).join(' ');
  const first = pts[0]!;
  const last = pts.at(-1)!;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const recent = mean(pts.slice(-7).map((p) => p.painNow));
  const summary = `${pts.length} check-ins from ${shortDate(first.date)} to ${shortDate(last.date)}. First ${first.painNow} of 10, latest ${last.painNow} of 10${recent !== null ? `; mean of the last 7 check-ins ${recent.toFixed(1)}` : ''}.`;
  return (
    <figure class="pp-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`}>
        <title id={`${props.id}-t`}>Morning pain, 0 to 10</title>
        <desc id={`${props.id}-d`}>{summary}</desc>
        {[0, 2, 4, 6, 8, 10].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(v)} y2={sy(v)} class="pp-grid" />
            <text x={PAD.left - 8} y={sy(v) + 4} text-anchor="end" class="pp-axis">
              {v}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 8} class="pp-axis">
          {shortDate(first.date)}
        </text>
        <text x={W - PAD.right} y={H - 8} text-anchor="end" class="pp-axis">
          {shortDate(last.date)}
        </text>
        <polyline points={line} class="pp-line" />
        {pts.map((p, i) => (
          <circle key={i} cx={sx(p.date)} cy={sy(p.painNow)} r="3" class="pp-dot" />
        ))}
      </svg>
      <figcaption class="small">{summary}</figcaption>
    </figure>
  );
}

/** Bars with labels, e.g. minutes of activity per week, with an optional goal line. */
export function BarChart(props: {
  id: string;
  title: string;
  bars: { label: string; value: number }[];
  unit: string;
  goal?: { value: number; label: string };
}) {
  const max = Math.max(1, props.goal?.value ?? 0, ...props.bars.map((b) => b.value)) * 1.1;
  const n = Math.max(1, props.bars.length);
  const slot = (W - PAD.left - PAD.right) / n;
  const sy = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const total = props.bars.reduce((a, b) => a + b.value, 0);
  const last = props.bars.at(-1);
  const summary = `${props.bars.length} bars, ${total} ${props.unit} in all${last ? `; latest (${last.label}) ${last.value} ${props.unit}` : ''}${props.goal ? `; the goal is ${props.goal.value} ${props.unit}` : ''}.`;
  return (
    <figure class="pp-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`}>
        <title id={`${props.id}-t`}>{props.title}</title>
        <desc id={`${props.id}-d`}>{summary}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={sy(0)} y2={sy(0)} class="pp-grid" />
        {props.bars.map((b, i) => (
          <g key={i}>
            <rect
              x={PAD.left + i * slot + slot * 0.15}
              y={sy(b.value)}
              width={slot * 0.7}
              height={Math.max(0, sy(0) - sy(b.value))}
              class="pp-bar"
            />
            {(n <= 12 || i % 2 === 0) && (
              <text x={PAD.left + i * slot + slot / 2} y={H - 8} text-anchor="middle" class="pp-axis">
                {b.label}
              </text>
            )}
          </g>
        ))}
        {props.goal && (
          <g>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={sy(props.goal.value)}
              y2={sy(props.goal.value)}
              class="pp-goal"
            />
            <text x={W - PAD.right} y={sy(props.goal.value) - 4} text-anchor="end" class="pp-axis">
              {props.goal.label}
            </text>
          </g>
        )}
        <text x={PAD.left - 8} y={sy(0) + 4} text-anchor="end" class="pp-axis">
          0
        </text>
      </svg>
      <figcaption class="small">{summary}</figcaption>
    </figure>
  );
}
