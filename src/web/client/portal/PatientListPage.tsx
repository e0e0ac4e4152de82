import { useState } from 'preact/hooks';
import { FlagQueue } from '../flags/FlagQueue';
import { InviteForm } from '../home-pages';
import type { SessionUser } from '../types';
import { LoadError, Loading, PortalNav, percent, shortDate, useLoad } from './shared';

export interface PatientSummary {
  id: string;
  displayName: string;
  email: string;
  clinicianId: string | null;
  clinicianName: string | null;
  active: boolean;
  lastActiveOn: string | null;
  adherence7d: number | null;
  pain: {
    recent: number | null;
    prior: number | null;
    trend: 'improved' | 'worsened' | 'noMeaningfulChange' | null;
  };
  openFlags: number;
  hasPlan: boolean;
}

interface ListResponse {
  total: number;
  patients: PatientSummary[];
  pendingInvites: { email: string; displayName: string | null; expiresAt: string }[];
  adherenceDefinition: string;
}

const TREND_WORDS = {
  improved: 'Better',
  worsened: 'Worse',
  noMeaningfulChange: 'About the same',
} as const;

function PainCell(props: { pain: PatientSummary['pain'] }) {
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

/**
 * The PT's home: their patients, the ones with open flags first, with last
 * activity, adherence and pain trend at a glance. Admins see the clinic's.
 */
export function PatientListPage(props: { user: SessionUser; current: string }) {
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('flags');
  const [filter, setFilter] = useState('all');
  const params = new URLSearchParams({ sort, filter, ...(q.trim() ? { q: q.trim() } : {}) });
  const list = useLoad<ListResponse>(`/api/clinic/patients?${params.toString()}`);
  const isAdmin = props.user.role === 'admin';
  const data = list.data;
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <h1>{isAdmin ? 'Clinic patients' : 'Your patients'}</h1>
      <FlagQueue />
      <div class="pp-list-layout">
        <section class="card" aria-labelledby="patients-title">
          <h2 id="patients-title">Patients</h2>
          <form class="pp-filters" role="search" onSubmit={(e) => e.preventDefault()}>
            <div class="field">
              <label for="pp-q">Search patients</label>
              <input
                id="pp-q"
                type="search"
                value={q}
                onInput={(e) => setQ(e.currentTarget.value)}
                autoComplete="off"
              />
            </div>
            <div class="field">
              <label for="pp-filter">Show</label>
              <select id="pp-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
                <option value="all">All patients</option>
                <option value="flagged">With open flags</option>
                <option value="inactive">Quiet for a week or more</option>
                <option value="lowAdherence">Adherence under 50 %</option>
                <option value="worsening">Pain worse</option>
                <option value="noPlan">No plan yet</option>
              </select>
            </div>
            <div class="field">
              <label for="pp-sort">Sort by</label>
              <select id="pp-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value)}>
                <option value="flags">Open flags first</option>
                <option value="name">Name</option>
                <option value="lastActive">Longest quiet first</option>
                <option value="adherence">Lowest adherence first</option>
                <option value="pain">Pain rising most first</option>
              </select>
            </div>
          </form>
          {list.error ? (
            <LoadError error={list.error} />
          ) : !data ? (
            <Loading label="Loading patients…" />
          ) : data.patients.length === 0 && data.pendingInvites.length === 0 ? (
            <div class="empty">
              <h3>{q || filter !== 'all' ? 'No patients match' : 'No patients yet'}</h3>
              <p>
                {q || filter !== 'all'
                  ? 'Try another search or show all patients.'
                  : 'Invite your first patient by email; they appear here once they accept.'}
              </p>
            </div>
          ) : (
            <>
              <p class="small muted" aria-live="polite">
                {data.total === 1 ? '1 patient' : `${data.total} patients`}
                {data.total > data.patients.length ? ` (showing the first ${data.patients.length})` : ''}
              </p>
              <div class="table-wrap" tabIndex={0} role="region" aria-label="Patients">
                <table class="table pp-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Flags</th>
                      <th scope="col">Last active</th>
                      <th scope="col">
                        <abbr title={data.adherenceDefinition}>Adherence (7 days)</abbr>
                      </th>
                      <th scope="col">Pain (this week)</th>
                      {isAdmin && <th scope="col">Clinician</th>}
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.patients.map((p) => (
                      <tr key={p.id} class={p.openFlags > 0 ? 'pp-flagged' : undefined}>
                        <td>
                          <a href={`/app/patients/${p.id}`}>{p.displayName}</a>
                        </td>
                        <td>{p.email}</td>
                        <td>
                          {p.openFlags > 0 ? (
                            <span class="badge pp-flag-badge">{p.openFlags} open</span>
                          ) : (
                            <span class="muted">None</span>
                          )}
                        </td>
                        <td>
                          {p.lastActiveOn ? shortDate(p.lastActiveOn) : <span class="muted">Never</span>}
                        </td>
                        <td>{p.hasPlan ? percent(p.adherence7d) : <span class="muted">No plan</span>}</td>
                        <td>
                          <PainCell pain={p.pain} />
                        </td>
                        {isAdmin && <td>{p.clinicianName ?? <span class="muted">Unassigned</span>}</td>}
                        <td>
                          {p.active ? (
                            <span class="badge">Active</span>
                          ) : (
                            <span class="badge badge-muted">Deactivated</span>
                          )}
                        </td>
                      </tr>
                    ))}
                    {data.pendingInvites.map((i) => (
                      <tr key={i.email}>
                        <td>{i.displayName ?? <span class="muted">—</span>}</td>
                        <td>{i.email}</td>
                        <td colSpan={isAdmin ? 5 : 4} class="muted small">
                          Not signed up yet
                        </td>
                        <td>
                          <span class="badge badge-muted">Invited · expires {shortDate(i.expiresAt)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
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
