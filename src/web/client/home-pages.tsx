import { useState } from 'preact/hooks';
import { api } from './api';
import { Field, FormError, SubmitButton, useForm } from './forms';
import { PatientPlan } from './selfcheck/PatientPlan';
import type { Boot, SessionUser } from './types';
import { PlanHistory } from './patient/PlanHistory';
import { AccountBadge, DataTable, InvitedBadge, LoadError, Loading, useLoad } from './portal/shared';

interface Person extends SessionUser {
  active?: boolean;
}
interface Invite {
  email: string;
  role: string;
  expiresAt: string;
}

/** Invite someone by email: a patient (clinicians) or a team member (admins). */
export function InviteForm(props: {
  role: 'patient' | 'clinician' | 'admin';
  allowRoleChoice?: boolean;
  onDone: () => void;
}) {
  const [email, setEmail] = useState('');
  const [displayName, setName] = useState('');
  const [role, setRole] = useState(props.role);
  const [sent, setSent] = useState<string | null>(null);
  const f = useForm();
  return (
    <form
      noValidate
      onSubmit={f.submit(async () => {
        await api('POST', '/api/invites', { email, role, ...(displayName ? { displayName } : {}) });
        setSent(`Invitation sent to ${email}. The link works for 7 days.`);
        setEmail('');
        setName('');
        props.onDone();
      })}
    >
      <FormError error={f.error} />
      {sent && (
        <div class="alert alert-ok" role="status">
          {sent}
        </div>
      )}
      <Field
        name="displayName"
        label="Name"
        value={displayName}
        onInput={setName}
        error={f.error}
        hint="Optional"
        autoComplete="off"
      />
      <Field
        name="email"
        label="Email"
        type="email"
        value={email}
        onInput={setEmail}
        error={f.error}
        autoComplete="off"
        required
      />
      {props.allowRoleChoice && (
        <div class="field">
          <label for="f-role">Role</label>
          <select id="f-role" value={role} onChange={(e) => setRole(e.currentTarget.value as typeof role)}>
            <option value="clinician">Clinician</option>
            <option value="admin">Clinic admin</option>
          </select>
        </div>
      )}
      <SubmitButton busy={f.busy} busyLabel="Sending…" block={false}>
        Send invitation
      </SubmitButton>
    </form>
  );
}

function PeopleTable(props: {
  label: string;
  people: Person[];
  invites: Invite[];
  emptyTitle: string;
  emptyText: string;
  showRole?: boolean;
}) {
  if (props.people.length === 0 && props.invites.length === 0) {
    return (
      <div class="empty">
        <h3>{props.emptyTitle}</h3>
        <p>{props.emptyText}</p>
      </div>
    );
  }
  return (
    <DataTable label={props.label} head={['Name', 'Email', props.showRole === true && 'Role', 'Status']}>
      {props.people.map((p) => (
        <tr key={p.id}>
          <td>{p.displayName}</td>
          <td>{p.email}</td>
          {props.showRole && <td>{p.role === 'admin' ? 'Clinic admin' : 'Clinician'}</td>}
          <td>
            <AccountBadge active={p.active !== false} />
          </td>
        </tr>
      ))}
      {props.invites.map((i) => (
        <tr key={i.email}>
          <td class="muted">—</td>
          <td>{i.email}</td>
          {props.showRole && <td>{i.role === 'admin' ? 'Clinic admin' : 'Clinician'}</td>}
          <td>
            <InvitedBadge expiresAt={i.expiresAt} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function PatientHome(props: { user: SessionUser; boot: Boot }) {
  const first = props.user.displayName.split(' ')[0];
  return (
    <div class="stack">
      <h1>Hello, {first}</h1>
      <p class="lede">This is your home for your hip and lower back program with {props.boot.clinic.name}.</p>
      <PatientPlan boot={props.boot} user={props.user} />
      <PlanHistory />
      <div class="alert alert-info">
        If you notice new numbness between your legs, new trouble passing urine or controlling your bowels, or
        weakness in both legs, stop and go to an emergency department now.
      </div>
    </div>
  );
}

export function AdminHome(props: { boot: Boot }) {
  const staff = useLoad<{ staff: Person[]; pendingInvites: Invite[] }>('/api/clinic/staff');
  return (
    <div class="stack">
      <h1>{props.boot.clinic.name}</h1>
      <div class="grid grid-wide">
        <section class="card" aria-labelledby="staff-title">
          <h2 id="staff-title">Clinicians and admins</h2>
          {staff.error ? (
            <LoadError error={staff.error} />
          ) : !staff.data ? (
            <Loading label="Loading your team…" />
          ) : (
            <PeopleTable
              label="Clinicians and admins"
              people={staff.data.staff}
              invites={staff.data.pendingInvites}
              showRole
              emptyTitle="No staff yet"
              emptyText="Invite your first clinician."
            />
          )}
        </section>
        <section class="card" aria-labelledby="invite-title">
          <h2 id="invite-title">Invite a team member</h2>
          <InviteForm role="clinician" allowRoleChoice onDone={staff.reload} />
        </section>
      </div>
    </div>
  );
}
