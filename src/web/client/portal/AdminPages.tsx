import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LOGO_LIMITS } from '../../../documents/images';
import { ApiFailure, type ApiError, api } from '../api';
import { Field, FormError, SubmitButton, toApiError, useForm } from '../forms';
import { announceLogo } from '../logo-event';
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
  id: string;
  logoUrl: string | null;
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
/** The two buttons of a confirmation step: the destructive one (focused by the caller) and Cancel. */
function ConfirmButtons(props: {
  yes: Ref<HTMLButtonElement>;
  busy: boolean;
  label: string;
  onCancel: () => void;
}) {
  return (
    <div class="row">
      <button type="submit" ref={props.yes} class="btn btn-danger" disabled={props.busy}>
        {props.label}
      </button>
      <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

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
      <ConfirmButtons yes={yes} busy={f.busy} label="Yes, deactivate" onCancel={() => setConfirm(false)} />
    </form>
  );
}

/** Upload with progress (fetch cannot report upload progress): resolves with the answer's JSON or throws ApiFailure. */
function uploadLogo(file: File, onProgress: (share: number) => void): Promise<{ clinic: ClinicOut }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', '/api/clinic/logo');
    xhr.setRequestHeader('content-type', file.type);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as { clinic: ClinicOut });
      const e = (data as { error?: Partial<ApiError> } | null)?.error;
      reject(
        new ApiFailure({
          code: e?.code ?? `http_${xhr.status}`,
          message: e?.message ?? 'The logo could not be saved. Please try again.',
          path: e?.path ?? 'logo',
          status: xhr.status,
        }),
      );
    };
    xhr.onerror = () =>
      reject(
        new ApiFailure({
          code: 'network',
          message: 'We could not reach the server. Check your connection and try again.',
          path: 'logo',
          status: 0,
        }),
      );
    xhr.send(file);
  });
}

/** The checks the server makes, made first in the browser so a wrong file gets a clear answer at once. */
async function checkLogoFile(file: File): Promise<{ width: number; height: number }> {
  const { maxBytes, minSide, maxSide } = LOGO_LIMITS;
  const fail = (message: string): never => {
    throw new ApiFailure({ code: 'logo_invalid', message, path: 'logo', status: 0 });
  };
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') {
    fail('Choose a PNG or JPEG image. Other formats, such as SVG or GIF, are not accepted.');
  }
  if (file.size > maxBytes) {
    fail(
      `This file is ${Math.ceil(file.size / 1024)} KB; the largest logo we accept is ${maxBytes / 1024} KB. Save it smaller (for example 600 px wide) and try again.`,
    );
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img
      .decode()
      .catch(() => fail('This image could not be read; it may be damaged. Save it again and retry.'));
    const { naturalWidth: width, naturalHeight: height } = img;
    if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
      fail(
        `This image is ${width} × ${height} pixels; each side must be from ${minSide} to ${maxSide} pixels.`,
      );
    }
    return { width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The clinic's logo: a preview, a file input to upload or replace it, and removal after a confirmation. */
function LogoSettings(props: { clinicId: string }) {
  // undefined: still finding out; null: no logo.
  const [logo, setLogo] = useState<string | null | undefined>(undefined);
  const [progress, setProgress] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const base = `/api/clinic/logo?clinic=${encodeURIComponent(props.clinicId)}`;

  useEffect(() => {
    // A HEAD request says whether the clinic has a logo, and its version (the ETag) for the preview's address.
    fetch(base, { method: 'HEAD', credentials: 'same-origin' }).then(
      (res) => {
        const version = (res.headers.get('etag') ?? '').replace(/"/g, '');
        setLogo(res.ok ? `${base}&v=${encodeURIComponent(version)}` : null);
      },
      () => setLogo(null),
    );
  }, [base]);
  useEffect(() => {
    if (confirm) yes.current?.focus();
  }, [confirm]);

  const fail = (err: unknown) => {
    setError(toApiError(err));
    setTimeout(() => document.getElementById('logo-error')?.focus(), 0);
  };

  const choose = async (e: Event) => {
    const target = e.currentTarget as HTMLInputElement;
    const file = target.files?.[0];
    if (!file || busy) return;
    setError(null);
    setSaved(null);
    setConfirm(false);
    setBusy(true);
    try {
      const size = await checkLogoFile(file);
      setProgress(0);
      const res = await uploadLogo(file, setProgress);
      const url = res.clinic.logoUrl;
      setLogo(url);
      setSaved('Logo saved. It now shows in the header, on the website and on printed handouts.');
      if (url) announceLogo({ clinicId: props.clinicId, logo: { url, ...size } });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
      setProgress(null);
      target.value = '';
    }
  };

  const remove = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', '/api/clinic/logo');
      setLogo(null);
      setConfirm(false);
      setSaved('Logo removed. The clinic’s name shows on its own again.');
      announceLogo({ clinicId: props.clinicId, logo: null });
      setTimeout(() => input.current?.focus(), 0);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const invalid = error !== null;
  return (
    <section class="card stack pp-logo" aria-labelledby="logo-title">
      <h2 id="logo-title">Logo</h2>
      {error && (
        <div class="alert alert-error" id="logo-error" role="alert" tabIndex={-1}>
          {error.message}
        </div>
      )}
      {saved && (
        <div class="alert alert-ok" role="status">
          {saved}
        </div>
      )}
      <div class="pp-logo-preview">
        {logo === undefined ? (
          <Loading label="Loading the logo…" />
        ) : logo ? (
          <img src={logo} alt="The clinic’s current logo" />
        ) : (
          <p class="small muted">No logo yet: the header shows the clinic’s name with our small mark.</p>
        )}
      </div>
      <div class="field">
        <label for="f-logo">{logo ? 'Replace the logo' : 'Upload a logo'}</label>
        <span class="hint" id="f-logo-hint">
          A PNG or JPEG, at most {LOGO_LIMITS.maxBytes / 1024} KB, each side from {LOGO_LIMITS.minSide} to{' '}
          {LOGO_LIMITS.maxSide} pixels. A wide logo on a white or clear background looks best.
        </span>
        <input
          id="f-logo"
          ref={input}
          type="file"
          name="logo"
          accept="image/png,image/jpeg"
          disabled={busy}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? 'f-logo-hint logo-error' : 'f-logo-hint'}
          onChange={(e) => void choose(e)}
        />
      </div>
      {progress !== null && (
        <div class="pp-logo-progress" role="status">
          <label for="logo-progress">Uploading… {Math.round(progress * 100)} %</label>
          <progress id="logo-progress" max={1} value={progress} />
        </div>
      )}
      {busy && progress === null && <Loading label="Checking the image…" />}
      {logo && !confirm && (
        <div>
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setConfirm(true)}>
            Remove logo
          </button>
        </div>
      )}
      {logo && confirm && (
        <form noValidate class="pp-confirm" aria-label="Confirm removing the logo" onSubmit={remove}>
          <p class="small">
            Remove the logo? The header, website and handouts go back to showing the clinic’s name only. You
            can upload a logo again at any time.
          </p>
          <ConfirmButtons
            yes={yes}
            busy={busy}
            label="Yes, remove the logo"
            onCancel={() => setConfirm(false)}
          />
        </form>
      )}
    </section>
  );
}

/** The clinic's name, tagline, colours, logo and time zone, and its team. */
export function SettingsPage(props: { user: SessionUser; current: string }) {
  // The admin's own clinic, which PATCH /api/clinic changes (not the installation's public one).
  const clinic = useLoad<{ clinic: ClinicOut }>('/api/clinic/mine');
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
        <LogoSettings clinicId={props.user.clinicId} />
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
  'clinic.logo.set': 'Changed the logo',
  'clinic.logo.remove': 'Removed the logo',
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
