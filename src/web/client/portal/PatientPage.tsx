import { useState } from 'preact/hooks';
import { api } from '../api';
import { FormError, SubmitButton, TextAreaField, useForm } from '../forms';
import type { SessionUser } from '../types';
import { PlanReview } from './PlanReview';
import { PRECAUTION_LABELS } from '../../ui/labels';
import type { PrecautionTag } from '../../../core/library/types';
import {
  BarChart,
  DataTable,
  LoadError,
  Loading,
  PainChart,
  PortalNav,
  dateTime,
  shortDate,
  useLoad,
} from './shared';

export interface PrecautionOut {
  kind: string;
  label: string;
  until: string | null;
  untilAssumed: boolean;
  rulesAssumed: boolean;
  surgeonRestrictions: string[];
  forbidden: { tag: string; reason: string }[];
  cautions: { tag: string; reason: string }[];
  notes: string[];
  fromIntake: boolean;
}

interface PatientView {
  patient: {
    id: string;
    displayName: string;
    email: string;
    clinicianId: string | null;
    clinicianName: string | null;
    active: boolean;
    createdAt: string;
  };
  today: string;
  openFlags: number;
  intakes: { id: string; createdAt: string; triageLevel: string; painNow: number; reasons: string[] }[];
  precautions: PrecautionOut[];
  pain: { date: string; painNow: number; triageLevel: string }[];
  activityWeeks: { weekStart: string; minutes: number }[];
  sessions: {
    clientId: string;
    date: string;
    kind: string;
    status: string;
    painDuring: number | null;
    effort: number | null;
    exercises: string[];
  }[];
  psfs: { items: { name: string; score: number }[]; score: number | null };
  plan: { version: number; locked: boolean; note: string } | null;
  planHistory: {
    version: number;
    source: string;
    reason: string;
    createdAt: string;
    createdBy: string | null;
  }[];
  notes: { id: string; text: string; authorName: string | null; createdAt: string }[];
}

const TRIAGE_WORDS: Record<string, string> = {
  emergency: 'Emergency: sent to emergency care',
  urgent: 'Urgent: see a doctor today',
  soon: 'See a clinician within days',
  selfCare: 'Safe to self-manage',
};
const KIND_WORDS: Record<string, string> = {
  stretch: 'Stretch',
  strength: 'Strength',
  movementBreak: 'Movement break',
};

export function PrecautionList(props: { precautions: PrecautionOut[] }) {
  if (props.precautions.length === 0) return <p class="muted">No active precautions.</p>;
  return (
    <ul class="pp-precautions">
      {props.precautions.map((p) => (
        <li key={p.label}>
          <strong>{p.label}</strong>
          <span class="small">
            {' '}
            ·{' '}
            {p.until
              ? `until ${shortDate(p.until)} ${p.until.slice(0, 4)}${p.untilAssumed ? ' (default period)' : ''}`
              : 'no end date'}
          </span>
          {p.surgeonRestrictions.length > 0 ? (
            <p class="small">
              Surgeon’s restrictions:{' '}
              {p.surgeonRestrictions.map((tag) => PRECAUTION_LABELS[tag as PrecautionTag] ?? tag).join('; ')}
            </p>
          ) : p.rulesAssumed ? (
            <p class="small muted">No restrictions entered: the usual ones for this situation apply.</p>
          ) : null}
          {p.forbidden.length > 0 && (
            <ul class="small">
              {p.forbidden.map((f) => (
                <li key={f.tag}>{f.reason}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

function Notes(props: { patientId: string; notes: PatientView['notes']; onAdded: () => void }) {
  const [text, setText] = useState('');
  const f = useForm();
  return (
    <div class="stack">
      <form
        noValidate
        onSubmit={f.submit(async () => {
          await api('POST', `/api/clinic/patients/${props.patientId}/notes`, { text });
          setText('');
          props.onAdded();
        })}
      >
        <FormError error={f.error} />
        <TextAreaField
          id="f-note"
          label="New note"
          hint="Seen by clinic staff only, never by the patient."
          value={text}
          onInput={setText}
        />
        <SubmitButton busy={f.busy} block={false}>
          Add note
        </SubmitButton>
      </form>
      {props.notes.length === 0 ? (
        <p class="muted">No notes yet.</p>
      ) : (
        <ul class="pp-notes">
          {props.notes.map((n) => (
            <li key={n.id}>
              <p>{n.text}</p>
              <p class="small muted">
                {n.authorName ?? 'Someone'} · {dateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Assign(props: { patient: PatientView['patient']; user: SessionUser; onDone: () => void }) {
  const list = useLoad<{ clinicians: { id: string; displayName: string }[] }>('/api/clinic/clinicians');
  const [to, setTo] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const f = useForm();
  const canAssign = props.user.role === 'admin' || props.patient.clinicianId === props.user.id;
  if (!canAssign)
    return <p class="small muted">Only their clinician or a clinic admin can hand this patient over.</p>;
  const others = (list.data?.clinicians ?? []).filter((c) => c.id !== props.patient.clinicianId);
  return (
    <form
      class="pp-inline-form"
      noValidate
      onSubmit={f.submit(async () => {
        if (!to) return;
        await api('POST', `/api/clinic/patients/${props.patient.id}/assign`, { clinicianId: to });
        setDone(`Now with ${others.find((c) => c.id === to)?.displayName ?? 'your colleague'}.`);
        props.onDone();
      })}
    >
      <FormError error={f.error} />
      {done && (
        <p class="alert alert-ok" role="status">
          {done}
        </p>
      )}
      <div class="field">
        <label for="f-assign">Hand over to</label>
        <select id="f-assign" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
          <option value="">Choose a clinician…</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.displayName}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton busy={f.busy} block={false}>
        Assign
      </SubmitButton>
    </form>
  );
}

function HandoutActions(props: { patientId: string; hasPlan: boolean }) {
  const [sent, setSent] = useState<string | null>(null);
  const f = useForm();
  if (!props.hasPlan) return null;
  return (
    <div class="pp-actions">
      <a
        class="btn btn-secondary"
        href={`/api/clinic/patients/${props.patientId}/handout.pdf`}
        download="home-program.pdf"
      >
        Download handout (PDF)
      </a>
      <form
        noValidate
        onSubmit={f.submit(async () => {
          const res = await api<{ to: string }>(
            'POST',
            `/api/clinic/patients/${props.patientId}/handout/email`,
            {},
          );
          setSent(`Handout emailed to ${res.to}.`);
        })}
      >
        <SubmitButton busy={f.busy} busyLabel="Sending…" block={false}>
          Email handout to patient
        </SubmitButton>
      </form>
      <FormError error={f.error} />
      {sent && (
        <p class="alert alert-ok" role="status">
          {sent}
        </p>
      )}
    </div>
  );
}

/** One patient's record for their PT. */
export function PatientPage(props: { user: SessionUser; patientId: string; current: string }) {
  const view = useLoad<PatientView>(`/api/clinic/patients/${props.patientId}`);
  const [allSessions, setAllSessions] = useState(false);
  const v = view.data;
  if (view.error) return <LoadError error={view.error} />;
  if (!v) return <Loading label="Loading the patient’s record…" />;
  const weeks = v.activityWeeks.map((w) => ({ label: shortDate(w.weekStart), value: w.minutes }));
  return (
    <div class="stack">
      <PortalNav user={props.user} current={props.current} />
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href={props.user.role === 'clinician' ? '/app' : '/app/patients'}>Patients</a> ›{' '}
        {v.patient.displayName}
      </nav>
      <div class="pp-head">
        <div>
          <h1>{v.patient.displayName}</h1>
          <p class="muted">
            {v.patient.email} · with {v.patient.clinicianName ?? 'no clinician yet'}
            {v.openFlags > 0 ? ` · ${v.openFlags} open flag${v.openFlags === 1 ? '' : 's'}` : ''}
          </p>
        </div>
        <div class="pp-actions">
          <a class="btn" href={`/app/patients/${v.patient.id}/plan`}>
            {v.plan ? 'Edit plan' : 'Build a plan'}
          </a>
        </div>
      </div>
      <HandoutActions patientId={v.patient.id} hasPlan={v.plan !== null} />
      <div class="grid grid-wide">
        <section class="card" aria-labelledby="prec-title">
          <h2 id="prec-title">Precautions</h2>
          <PrecautionList precautions={v.precautions} />
        </section>
        <section class="card" aria-labelledby="triage-title">
          <h2 id="triage-title">Intake and triage</h2>
          {v.intakes.length === 0 ? (
            <p class="muted">No self-check yet.</p>
          ) : (
            <ul class="pp-list">
              {v.intakes.map((i) => (
                <li key={i.id}>
                  <strong>{shortDate(i.createdAt)}</strong>: {TRIAGE_WORDS[i.triageLevel] ?? i.triageLevel},
                  pain {i.painNow} of 10
                  {i.reasons.length > 0 && <span class="small"> ({i.reasons.join(' ')})</span>}
                </li>
              ))}
            </ul>
          )}
          <h3>What they want to get back to</h3>
          {v.psfs.items.length === 0 ? (
            <p class="muted">No activities named.</p>
          ) : (
            <>
              <ul class="pp-list">
                {v.psfs.items.map((a) => (
                  <li key={a.name}>
                    {a.name}: {a.score} of 10
                  </li>
                ))}
              </ul>
              <p class="small">Patient-Specific Functional Scale at intake: {v.psfs.score} of 10.</p>
            </>
          )}
        </section>
      </div>
      <div class="grid pp-two">
        <section class="card" aria-labelledby="pain-title">
          <h2 id="pain-title">Morning pain (last 90 days)</h2>
          <PainChart id="pain-chart" points={v.pain} />
        </section>
        <section class="card" aria-labelledby="act-title">
          <h2 id="act-title">Activity per week</h2>
          <BarChart
            id="act-chart"
            title="Minutes of walking, cycling or swimming per week"
            bars={weeks}
            unit="minutes"
            goal={{ value: 150, label: '150 min goal' }}
          />
        </section>
      </div>
      <section class="card" aria-labelledby="sess-title">
        <h2 id="sess-title">Sessions</h2>
        {v.sessions.length === 0 ? (
          <p class="muted">No sessions yet.</p>
        ) : (
          <DataTable
            label="Sessions"
            class="pp-sessions"
            head={['Day', 'Session', 'Status', 'Pain during', 'Effort', 'Exercises']}
          >
            {(allSessions ? v.sessions : v.sessions.slice(0, 14)).map((s) => (
              <tr key={s.clientId}>
                <td>{shortDate(s.date)}</td>
                <td>{KIND_WORDS[s.kind] ?? s.kind}</td>
                <td>
                  {s.status === 'completed' ? 'Done' : s.status === 'inProgress' ? 'Started' : 'Stopped'}
                </td>
                <td>{s.painDuring ?? '—'}</td>
                <td>{s.effort ?? '—'}</td>
                <td class="small">{s.exercises.join(', ')}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {v.sessions.length > 14 && (
          <button
            type="button"
            class="btn btn-secondary"
            aria-expanded={allSessions ? 'true' : 'false'}
            onClick={() => setAllSessions(!allSessions)}
          >
            {allSessions ? 'Show the latest 14' : `Show all ${v.sessions.length}`}
          </button>
        )}
      </section>
      <div class="grid grid-wide">
        <section class="card" aria-labelledby="hist-title">
          <h2 id="hist-title">Plan history</h2>
          <PlanReview patientId={v.patient.id} key={v.plan?.version ?? 0} />
        </section>
        <section class="card" aria-labelledby="notes-title">
          <h2 id="notes-title">Private clinical notes</h2>
          <Notes patientId={v.patient.id} notes={v.notes} onAdded={view.reload} />
          <h3>Clinician</h3>
          <Assign patient={v.patient} user={props.user} onDone={view.reload} />
        </section>
      </div>
    </div>
  );
}
