import { useEffect, useRef, useState } from 'preact/hooks';
import { FlagQueue } from '../flags/FlagQueue';
import { InviteForm } from '../home-pages';
import type { SessionUser } from '../types';
import {
  AccountBadge,
  DataTable,
  InvitedBadge,
  LoadError,
  Loading,
  PortalNav,
  SelectField,
  percent,
  shortDate,
  useLoad,
} from './shared';
import type { PatientListQuery, PatientListResponse, PatientListRow } from './types';

type Sort = NonNullable<PatientListQuery['sort']>;
type Filter = NonNullable<PatientListQuery['filter']>;
type Band = NonNullable<PatientListQuery['adherence']>;

const PAGE = 50;

const TREND_WORDS = {
  improved: 'Better',
  worsened: 'Worse',
  noMeaningfulChange: 'About the same',
} as const;

const SEVERITY_WORDS = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  attention: 'Needs a look',
  info: 'For information',
} as const;

const SORTS: Record<Sort, string> = {
  flags: 'Open flags first',
  name: 'Name',
  lastActive: 'Longest quiet first',
  adherence: 'Lowest adherence first',
  pain: 'Pain rising most first',
};
const FILTERS: Record<Filter, string> = {
  all: 'All patients',
  flagged: 'With open flags',
  inactive: 'Quiet for a week or more',
  lowAdherence: 'Adherence under 50 %',
  worsening: 'Pain worse',
  noPlan: 'No plan yet',
};
const BANDS: Record<Band, string> = {
  low: 'Under 50 %',
  mid: '50 to 79 %',
  high: '80 % or more',
  none: 'Nothing due',
};

const numberFormat = new Intl.NumberFormat('en-US');

interface ListState {
  q: string;
  sort: Sort;
  filter: Filter;
  adherence: Band | '';
  clinicianId: string;
  offset: number;
}

const DEFAULTS: ListState = {
  q: '',
  sort: 'flags',
  filter: 'all',
  adherence: '',
  clinicianId: '',
  offset: 0,
};

const pick = <T extends string>(value: string | null, allowed: Record<T, string>, fallback: T): T =>
  value !== null && value in allowed ? (value as T) : fallback;

/** The list's state from the page address, so a reload or a shared link shows the same page. */
function fromAddress(): ListState {
  const p = new URLSearchParams(location.search);
  const offset = Number(p.get('offset') ?? 0);
  return {
    q: p.get('q') ?? '',
    sort: pick(p.get('sort'), SORTS, DEFAULTS.sort),
    filter: pick(p.get('filter'), FILTERS, DEFAULTS.filter),
    adherence: pick<Band | ''>(p.get('adherence'), { ...BANDS, '': '' }, ''),
    clinicianId: p.get('clinician') ?? '',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

function toParams(s: ListState, forApi: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set('q', s.q.trim());
  if (forApi || s.sort !== DEFAULTS.sort) p.set('sort', s.sort);
  if (forApi || s.filter !== DEFAULTS.filter) p.set('filter', s.filter);
  if (s.adherence) p.set('adherence', s.adherence);
  if (s.clinicianId) p.set(forApi ? 'clinicianId' : 'clinician', s.clinicianId);
  if (s.offset > 0) p.set('offset', String(s.offset));
  if (forApi) p.set('limit', String(PAGE));
  return p;
}

function PainCell(props: { pain: PatientListRow['pain'] }) {
  const { recent, prior, trend } = props.pain;
  if (recent === null) return <span class="muted">No recent check-ins</span>;
  return (
    <span>
      {trend && <span class={`badge pp-trend-${trend}`}>{TREND_WORDS[trend]}</span>}{' '}
      <span class="small">
        {recent.toFixed(1)}
        {prior !== null ? ` (was ${prior.toFixed(1)})` : ''}
      </span>
    </span>
  );
}

function FlagCell(props: { row: PatientListRow }) {
  const { openFlags, mostSerious } = props.row;
  if (openFlags === 0) return <span class="muted">None</span>;
  return (
    <span class={`badge pp-flag-badge${mostSerious ? ` pp-sev-${mostSerious}` : ''}`}>
      {openFlags} open{mostSerious ? ` · ${SEVERITY_WORDS[mostSerious]}` : ''}
    </span>
  );
}

/** "1–50 of 2,000" and the page buttons. */
function Pager(props: {
  total: number;
  offset: number;
  shown: number;
  onOffset: (offset: number) => void;
  where: 'top' | 'bottom';
}) {
  const { total, offset, shown } = props;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const page = Math.floor(offset / PAGE) + 1;
  const range =
    total === 0
      ? 'No patients'
      : `${numberFormat.format(offset + 1)}–${numberFormat.format(offset + shown)} of ${numberFormat.format(total)}`;
  return (
    <nav class="pp-pager" aria-label={`Patient list pages (${props.where})`}>
      <p class="pp-pager-range" aria-live={props.where === 'top' ? 'polite' : undefined}>
        <strong>{range}</strong>
        {pages > 1 && (
          <span class="muted small">
            {' '}
            · page {page} of {pages}
          </span>
        )}
      </p>
      {pages > 1 && (
        <div class="pp-pager-buttons">
          <button
            type="button"
            class="btn btn-secondary"
            disabled={offset === 0}
            onClick={() => props.onOffset(0)}
            aria-label="First page"
          >
            « First
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={offset === 0}
            onClick={() => props.onOffset(Math.max(0, offset - PAGE))}
            aria-label="Previous page"
          >
            ‹ Previous
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={offset + PAGE >= total}
            onClick={() => props.onOffset(offset + PAGE)}
            aria-label="Next page"
          >
            Next ›
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={offset + PAGE >= total}
            onClick={() => props.onOffset((pages - 1) * PAGE)}
            aria-label="Last page"
          >
            Last »
          </button>
        </div>
      )}
    </nav>
  );
}

/**
 * The PT's home: their patients, the ones with open flags first, with last
 * activity, adherence and pain trend at a glance; searched, filtered, sorted
 * and paged by the server. Admins see the clinic's and can pick a clinician.
 */
export function PatientListPage(props: { user: SessionUser; current: string }) {
  const [state, setState] = useState<ListState>(fromAddress);
  // The search box updates at once; the list follows a moment after typing stops.
  const [typed, setTyped] = useState(state.q);
  const isAdmin = props.user.role === 'admin';
  const list = useLoad<PatientListResponse>(`/api/clinic/patients?${toParams(state, true).toString()}`);
  const clinicians = useLoad<{ clinicians: { id: string; displayName: string }[] }>(
    isAdmin ? '/api/clinic/clinicians' : null,
  );
  const tableRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (typed === state.q) return;
    const timer = setTimeout(() => setState((s) => ({ ...s, q: typed, offset: 0 })), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  useEffect(() => {
    const query = toParams(state, false).toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  }, [state]);

  const update = (patch: Partial<ListState>) => setState((s) => ({ ...s, ...patch, offset: 0 }));
  const goTo = (offset: number) => {
    setState((s) => ({ ...s, offset }));
    tableRef.current?.focus();
  };
  const narrowed =
    state.q.trim() !== '' || state.filter !== 'all' || state.adherence !== '' || state.clinicianId !== '';
  const clear = () => {
    setTyped('');
    setState({ ...DEFAULTS, sort: state.sort });
  };
  const data = list.data;
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <h1>{isAdmin ? 'Clinic patients' : 'Your patients'}</h1>
      <FlagQueue />
      <div class="pp-list-layout">
        <section class="card" aria-labelledby="patients-title">
          <h2 id="patients-title">Patients</h2>
          <form
            class={`pp-filters${isAdmin ? ' pp-filters-admin' : ''}`}
            role="search"
            aria-label="Search and filter patients"
            onSubmit={(e) => {
              e.preventDefault();
              update({ q: typed });
            }}
          >
            <div class="field pp-filter-q">
              <label for="pp-q">Search patients</label>
              <input
                id="pp-q"
                type="search"
                value={typed}
                placeholder="Name or email"
                onInput={(e) => setTyped(e.currentTarget.value)}
                autoComplete="off"
              />
            </div>
            <SelectField
              id="pp-filter"
              label="Show"
              value={state.filter}
              options={Object.entries(FILTERS)}
              onChange={(v) => update({ filter: v as Filter })}
            />
            <SelectField
              id="pp-adherence"
              label="Adherence (7 days)"
              value={state.adherence}
              any="Any"
              options={Object.entries(BANDS)}
              onChange={(v) => update({ adherence: v as Band | '' })}
            />
            {isAdmin && (
              <SelectField
                id="pp-clinician"
                label="Clinician"
                value={state.clinicianId}
                any="Everyone"
                options={(clinicians.data?.clinicians ?? []).map((c) => [c.id, c.displayName])}
                onChange={(v) => update({ clinicianId: v })}
              />
            )}
            <SelectField
              id="pp-sort"
              label="Sort by"
              value={state.sort}
              options={Object.entries(SORTS)}
              onChange={(v) => update({ sort: v as Sort })}
            />
          </form>
          {list.error ? (
            <LoadError error={list.error} />
          ) : !data ? (
            <Loading label="Loading patients…" />
          ) : data.patients.length === 0 && data.pendingInvites.length === 0 ? (
            <div class="empty">
              {narrowed ? (
                <>
                  <h3>No patients match</h3>
                  <p>Nobody fits this search and these filters.</p>
                  <button type="button" class="btn btn-secondary" onClick={clear}>
                    Clear search and filters
                  </button>
                </>
              ) : data.total > 0 ? (
                <>
                  <h3>Past the last page</h3>
                  <button type="button" class="btn btn-secondary" onClick={() => goTo(0)}>
                    Go to the first page
                  </button>
                </>
              ) : (
                <>
                  <h3>No patients yet</h3>
                  <p>Invite your first patient by email; they appear here once they accept.</p>
                </>
              )}
            </div>
          ) : (
            <>
              <Pager
                total={data.total}
                offset={data.offset}
                shown={data.patients.length}
                onOffset={goTo}
                where="top"
              />
              <DataTable
                label="Patients"
                class="pp-table"
                wrapRef={tableRef}
                head={[
                  'Name',
                  'Flags',
                  'Last active',
                  <abbr title={data.adherenceDefinition}>Adherence (7 days)</abbr>,
                  'Pain (this week)',
                  isAdmin && 'Clinician',
                  'Status',
                ]}
              >
                {data.patients.map((p) => (
                  <tr key={p.id} class={p.openFlags > 0 ? 'pp-flagged' : undefined}>
                    <td>
                      <a href={`/app/patients/${p.id}`}>{p.displayName}</a>
                      <br />
                      <span class="small muted">{p.email}</span>
                    </td>
                    <td>
                      <FlagCell row={p} />
                    </td>
                    <td>{p.lastActiveOn ? shortDate(p.lastActiveOn) : <span class="muted">Never</span>}</td>
                    <td>{p.hasPlan ? percent(p.adherence7d) : <span class="muted">No plan</span>}</td>
                    <td>
                      <PainCell pain={p.pain} />
                    </td>
                    {isAdmin && <td>{p.clinicianName ?? <span class="muted">Unassigned</span>}</td>}
                    <td>
                      <AccountBadge active={p.active} />
                    </td>
                  </tr>
                ))}
                {data.pendingInvites.map((i) => (
                  <tr key={i.email}>
                    <td>
                      {i.displayName ?? <span class="muted">—</span>}
                      <br />
                      <span class="small muted">{i.email}</span>
                    </td>
                    <td colSpan={isAdmin ? 5 : 4} class="muted small">
                      Not signed up yet
                    </td>
                    <td>
                      <InvitedBadge expiresAt={i.expiresAt} />
                    </td>
                  </tr>
                ))}
              </DataTable>
              {data.total > PAGE && (
                <Pager
                  total={data.total}
                  offset={data.offset}
                  shown={data.patients.length}
                  onOffset={goTo}
                  where="bottom"
                />
              )}
            </>
          )}
        </section>
        <section class="card" aria-labelledby="invite-title">
          <h2 id="invite-title">Invite a patient</h2>
          <p class="muted small">
            They get an email with a link to set up their account
            {props.user.role === 'clinician' ? `, linked to you, ${props.user.displayName}` : ''}.
          </p>
          <InviteForm role="patient" onDone={list.reload} />
        </section>
      </div>
    </div>
  );
}
