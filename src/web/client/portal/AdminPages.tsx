import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Field, FormError, SubmitButton, useForm } from '../forms';
import { InviteForm } from '../home-pages';
import type { SessionUser } from '../types';
import {
  AccountBadge,
  BarChart,
  DataTable,
  InvitedBadge,
  LoadError,
  Loading,
  PortalNav,
  SelectField,
  dateTime,
  shortDate,
  useLoad,
} from './shared';

interface ClinicOut {
  name: string;
  tagline: string;
  primaryColor: string;
  accentColor: string;
  timezone: string;
}

interface InviteOut {
  email: string;
  role: string;
  expiresAt: string;
}

interface StaffOut {
  id: string;
  displayName: string;
  email: string;
  role: string;
  active: boolean;
}

type Branding = 'name' | 'tagline' | 'primaryColor' | 'accentColor';

/** The branding fields of the settings form, in the order shown. */
const BRANDING: { name: Branding; label: string; hint?: string }[] = [
  { name: 'name', label: 'Clinic name' },
  { name: 'tagline', label: 'Tagline' },
  { name: 'primaryColor', label: 'Main colour', hint: 'As #rrggbb, e.g. #0f6466' },
  { name: 'accentColor', label: 'Accent colour', hint: 'As #rrggbb' },
];

/** Deactivate a team member, after a confirmation that says what it does. */
function Deactivate(props: { person: StaffOut; self: boolean; onDone: () => void }) {
  const f = useForm();
  const [confirm, setConfirm] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirm) yes.current?.focus();
  }, [confirm]);
  if (!props.person.active) return <AccountBadge active={false} />;
  if (props.self) return <span class="badge">You</span>;
  if (!confirm) {
    return (
      <button
        type="button"
        class="btn btn-secondary"
        aria-label={`Deactivate ${props.person.displayName}`}
        onClick={() => setConfirm(true)}
      >
        Deactivate
      </button>
    );
  }
  return (
    <form
      noValidate
      class="pp-confirm"
      aria-label={`Confirm deactivating ${props.person.displayName}`}
      onSubmit={f.submit(async () => {
        await api('POST', `/api/clinic/staff/${props.person.id}/deactivate`, {});
        props.onDone();
      })}
    >
      <FormError error={f.error} />
      <p class="small">
        Deactivate {props.person.displayName}? They are logged out at once and cannot log in again. Their
        patients stay in the clinic: reassign them from the patient list.
      </p>
      <div class="row">
        <button type="submit" ref={yes} class="btn btn-danger" disabled={f.busy}>
          Yes, deactivate
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => setConfirm(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The clinic's name, tagline, colours and time zone, and its team. */
export function SettingsPage(props: { user: SessionUser; current: string }) {
  const clinic = useLoad<{ clinic: ClinicOut }>('/api/clinic');
  const staff = useLoad<{ staff: StaffOut[]; pendingInvites: InviteOut[] }>('/api/clinic/staff');
  const [form, setForm] = useState<ClinicOut | null>(null);
  const [saved, setSaved] = useState(false);
  const f = useForm();
  useEffect(() => {
    if (clinic.data) setForm(clinic.data.clinic);
  }, [clinic.data]);
  const set = (k: keyof ClinicOut) => (v: string) => form && setForm({ ...form, [k]: v });
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <h1>Clinic settings</h1>
      <div class="grid pp-two">
        <section class="card" aria-labelledby="brand-title">
          <h2 id="brand-title">Name and branding</h2>
          {clinic.error ? (
            <LoadError error={clinic.error} />
          ) : !form ? (
            <Loading label="Loading settings…" />
          ) : (
            <form
              noValidate
              onSubmit={f.submit(async () => {
                setSaved(false);
                const { name, tagline, primaryColor, accentColor, timezone } = form;
                await api('PATCH', '/api/clinic', { name, tagline, primaryColor, accentColor, timezone });
                setSaved(true);
              })}
            >
              <FormError error={f.error} />
              {saved && (
                <div class="alert alert-ok" role="status">
                  Saved. Patients see the new details the next time a page loads.
                </div>
              )}
              {BRANDING.map((b) => (
                <Field
                  key={b.name}
                  name={b.name}
                  label={b.label}
                  hint={b.hint}
                  value={form[b.name]}
                  onInput={set(b.name)}
                  error={f.error}
                />
              ))}
              <div class="pp-swatches" aria-hidden="true">
                {(['primaryColor', 'accentColor'] as const).map((k) => (
                  <span
                    key={k}
                    style={{ background: /^#[0-9a-f]{6}$/i.test(form[k]) ? form[k] : 'transparent' }}
                  />
                ))}
              </div>
              <Field
                name="timezone"
                label="Time zone"
                hint='A time zone name such as "America/Denver"'
                value={form.timezone}
                onInput={set('timezone')}
                error={f.error}
              />
              <SubmitButton busy={f.busy} block={false}>
                Save settings
              </SubmitButton>
            </form>
          )}
        </section>
        <section class="card" aria-labelledby="more-title">
          <h2 id="more-title">More clinic settings</h2>
          <ul class="pp-list">
            <li>
              <a href="/app/availability">Consultation hours</a>
              <span class="small muted">
                {' '}
                — the weekly hours each clinician takes free consultations; pick the clinician on that page.
              </span>
            </li>
            <li>
              <a href="/app/thresholds">Alert and plan thresholds</a>
              <span class="small muted">
                {' '}
                — when the adaptive plan raises flags and changes doses, within safe bounds.
              </span>
            </li>
          </ul>
        </section>
      </div>
      <section class="card" aria-labelledby="team-title">
        <h2 id="team-title">Team</h2>
        <p class="small muted">
          Deactivating someone ends their sessions at once; they can no longer log in. Their patients stay in
          the clinic.
        </p>
        {staff.error ? (
          <LoadError error={staff.error} />
        ) : !staff.data ? (
          <Loading label="Loading the team…" />
        ) : (
          <DataTable label="Team" head={['Name', 'Role', 'Consultations', 'Access']}>
            {staff.data.staff.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.displayName}
                  <br />
                  <span class="small muted">{s.email}</span>
                </td>
                <td>{s.role === 'admin' ? 'Clinic admin' : 'Clinician'}</td>
                <td>
                  {s.role === 'clinician' && s.active ? (
                    <a href="/app/availability" aria-label={`Consultation hours of ${s.displayName}`}>
                      Set hours
                    </a>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
                <td>
                  <Deactivate person={s} self={s.id === props.user.id} onDone={staff.reload} />
                </td>
              </tr>
            ))}
            {staff.data.pendingInvites.map((i) => (
              <tr key={i.email}>
                <td>{i.email}</td>
                <td>{i.role === 'admin' ? 'Clinic admin' : 'Clinician'}</td>
                <td>
                  <span class="muted">—</span>
                </td>
                <td>
                  <InvitedBadge expiresAt={i.expiresAt} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3 id="invite-staff-title" class="pp-subhead">
          Invite a team member
        </h3>
        <InviteForm role="clinician" allowRoleChoice onDone={staff.reload} />
      </section>
    </div>
  );
}

interface AuditEntry {
  id: number;
  at: string;
  action: string;
  actorName: string | null;
  subjectType: string;
  subjectId: string | null;
  subjectName: string | null;
  detail: Record<string, unknown>;
}

const ACTION_WORDS: Record<string, string> = {
  'patient.view': 'Viewed record',
  'plan.view': 'Opened plan',
  'plan.update': 'Changed plan',
  'plan.override': 'Overrode a precaution',
  'note.create': 'Added note',
  'note.view': 'Read note',
  'patient.assign': 'Reassigned',
  'handout.download': 'Downloaded handout',
  'handout.email': 'Emailed handout',
  'template.create': 'Saved template',
  'template.apply': 'Applied template',
  'staff.deactivate': 'Deactivated staff',
  'clinic.update': 'Changed clinic settings',
};

/** The audit log: who looked at or changed what, newest first. Read-only. */
export function AuditPage(props: { user: SessionUser; current: string }) {
  const [action, setAction] = useState('');
  const log = useLoad<{ entries: AuditEntry[] }>(
    `/api/clinic/audit?limit=300${action ? `&action=${encodeURIComponent(action)}` : ''}`,
  );
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <h1>Audit log</h1>
      <p class="muted">
        Every time staff view or change a patient’s data it is written here. Entries cannot be changed or
        deleted.
      </p>
      <section class="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Latest entries</h2>
        <SelectField
          id="pp-audit-action"
          label="Show"
          class="pp-narrow"
          value={action}
          any="Everything"
          options={Object.entries(ACTION_WORDS)}
          onChange={setAction}
        />
        {log.error ? (
          <LoadError error={log.error} />
        ) : !log.data ? (
          <Loading label="Loading the audit log…" />
        ) : log.data.entries.length === 0 ? (
          <p class="muted">Nothing recorded yet.</p>
        ) : (
          <DataTable label="Audit log" head={['When', 'Who', 'What', 'About']}>
            {log.data.entries.map((e) => (
              <tr key={e.id}>
                <td class="small">{dateTime(e.at)}</td>
                <td>{e.actorName ?? 'System'}</td>
                <td>
                  {ACTION_WORDS[e.action] ?? e.action}
                  {typeof e.detail.reason === 'string' && (
                    <span class="small muted"> · {e.detail.reason}</span>
                  )}
                </td>
                <td>
                  {e.subjectType === 'patient' && e.subjectId ? (
                    <a href={`/app/patients/${e.subjectId}`}>{e.subjectName ?? 'Patient'}</a>
                  ) : (
                    (e.subjectName ?? e.subjectType)
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

interface Outcomes {
  patients: number;
  pain6Weeks: {
    evaluable: number;
    improved: number;
    noMeaningfulChange: number;
    worsened: number;
    shareImproved: number | null;
    definition: string;
  };
  adherence: { buckets: { label: string; patients: number }[]; nothingDue: number };
  flagsPerWeek: { weekStart: string; flags: number }[];
}

/** The clinic's outcomes as plain tables and two simple charts. */
export function OutcomesPage(props: { user: SessionUser; current: string }) {
  const o = useLoad<Outcomes>('/api/clinic/outcomes');
  const d = o.data;
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <h1>Outcomes</h1>
      {o.error ? (
        <LoadError error={o.error} />
      ) : !d ? (
        <Loading label="Loading outcomes…" />
      ) : (
        <>
          <p class="muted">
            {props.user.role === 'admin' ? 'All the clinic’s patients' : 'Your patients'}: {d.patients}.
          </p>
          <div class="grid pp-two">
            <section class="card" aria-labelledby="out-pain">
              <h2 id="out-pain">Pain by six weeks</h2>
              <p class="pp-big">
                {d.pain6Weeks.shareImproved === null
                  ? '—'
                  : `${Math.round(d.pain6Weeks.shareImproved * 100)} %`}
              </p>
              <p class="small">
                improved meaningfully, of {d.pain6Weeks.evaluable} patients with check-ins in week 6–7.
              </p>
              <table class="table">
                <caption class="visually-hidden">Pain change by six weeks</caption>
                <tbody>
                  <tr>
                    <th scope="row">Improved</th>
                    <td>{d.pain6Weeks.improved}</td>
                  </tr>
                  <tr>
                    <th scope="row">No meaningful change</th>
                    <td>{d.pain6Weeks.noMeaningfulChange}</td>
                  </tr>
                  <tr>
                    <th scope="row">Worse</th>
                    <td>{d.pain6Weeks.worsened}</td>
                  </tr>
                </tbody>
              </table>
              <p class="small muted">{d.pain6Weeks.definition}</p>
            </section>
            <section class="card" aria-labelledby="out-adh">
              <h2 id="out-adh">Adherence in the last 7 days</h2>
              <BarChart
                id="adh-chart"
                title="Patients by 7-day adherence"
                bars={d.adherence.buckets.map((b) => ({ label: b.label, value: b.patients }))}
                unit="patients"
              />
              <p class="small muted">
                {d.adherence.nothingDue} patients had nothing due (no plan, or a plan with no sessions yet).
              </p>
            </section>
          </div>
          <section class="card" aria-labelledby="out-flags">
            <h2 id="out-flags">Flags raised per week</h2>
            <BarChart
              id="flag-chart"
              title="Flags raised per week"
              bars={d.flagsPerWeek.map((w) => ({ label: shortDate(w.weekStart), value: w.flags }))}
              unit="flags"
            />
          </section>
        </>
      )}
    </div>
  );
}
