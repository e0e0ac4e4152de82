import { useState } from 'preact/hooks';
import { api } from '../api';
import { FormError, useForm } from '../forms';
import type { Boot, SessionUser } from '../types';
import { Loading, formatWhen, useLoad } from './shared';

type Status = 'new' | 'contacted' | 'booked' | 'converted' | 'closed';

interface Entry {
  id: string;
  status: Status;
  name: string;
  email: string;
  phone: string;
  reason: string;
  contactPreference: 'email' | 'phone' | 'text';
  notes: string;
  createdAt: string;
  clinician: { id: string; displayName: string } | null;
  booking: {
    id: string;
    status: 'booked' | 'cancelled' | 'rescheduled';
    typeName: string;
    start: string;
    end: string;
  } | null;
}

const STATUS_LABEL: Record<Status, string> = {
  new: 'New',
  contacted: 'Contacted',
  booked: 'Booked',
  converted: 'Invited as patient',
  closed: 'Closed',
};
const PREF_LABEL = { email: 'Email', phone: 'Phone call', text: 'Text message' } as const;

function StatusChip(props: { status: Status }) {
  return <span class={`badge bk-chip bk-chip-${props.status}`}>{STATUS_LABEL[props.status]}</span>;
}

function EntryCard(props: { entry: Entry; timezone: string; onChanged: () => void }) {
  const e = props.entry;
  const [notes, setNotes] = useState(e.notes);
  const [status, setStatus] = useState<Status>(e.status);
  const [message, setMessage] = useState<string | null>(null);
  const f = useForm();
  const idBase = `entry-${e.id.slice(0, 8)}`;
  const upcoming = e.booking?.status === 'booked' && Date.parse(e.booking.start) > Date.now();
  return (
    <article class="card bk-entry" aria-labelledby={`${idBase}-name`}>
      <div class="card-title">
        <h2 id={`${idBase}-name`}>{e.name}</h2>
        <StatusChip status={e.status} />
      </div>
      {e.booking ? (
        <p class="bk-when">
          <strong>{e.booking.typeName}</strong>
          <br />
          {formatWhen(e.booking.start, props.timezone)}
          {e.booking.status === 'cancelled' && (
            <span class="badge badge-muted"> Cancelled by the visitor</span>
          )}
          {e.booking.status === 'booked' && !upcoming && <span class="badge badge-muted"> Past</span>}
          {e.clinician && <span class="muted small"> · with {e.clinician.displayName}</span>}
        </p>
      ) : (
        <p class="muted">No time booked yet{e.clinician ? '' : ' · not assigned'}.</p>
      )}
      <dl class="bk-facts">
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${e.email}`}>{e.email}</a>
        </dd>
        {e.phone && (
          <>
            <dt>Phone</dt>
            <dd>
              <a href={`tel:${e.phone.replace(/[^0-9+]/g, '')}`}>{e.phone}</a>
            </dd>
          </>
        )}
        <dt>Prefers</dt>
        <dd>{PREF_LABEL[e.contactPreference]}</dd>
        {e.reason && (
          <>
            <dt>Reason</dt>
            <dd class="bk-reason">{e.reason}</dd>
          </>
        )}
      </dl>
      <form
        noValidate
        onSubmit={f.submit(async () => {
          await api('PATCH', `/api/clinic/consultations/${e.id}`, { status, notes });
          setMessage('Saved.');
          props.onChanged();
        })}
      >
        <FormError error={f.error} />
        <div class="bk-entry-edit">
          <div class="field">
            <label for={`${idBase}-status`}>Status</label>
            <select
              id={`${idBase}-status`}
              value={status}
              onChange={(ev) => setStatus(ev.currentTarget.value as Status)}
            >
              {(Object.keys(STATUS_LABEL) as Status[]).map((s) => (
                <option value={s} key={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${idBase}-notes`}>Notes</label>
            <textarea
              id={`${idBase}-notes`}
              rows={2}
              maxLength={2000}
              value={notes}
              onInput={(ev) => setNotes(ev.currentTarget.value)}
            />
          </div>
        </div>
        <div class="row">
          <button type="submit" class="btn btn-secondary" disabled={f.busy}>
            Save
          </button>
          {e.status !== 'converted' && (
            <button
              type="button"
              class="btn btn-quiet"
              disabled={f.busy}
              onClick={f.submit(async () => {
                await api('POST', `/api/clinic/consultations/${e.id}/invite`, {});
                setMessage(`Invitation sent to ${e.email}.`);
                props.onChanged();
              })}
            >
              Invite as patient
            </button>
          )}
          {message && (
            <span class="muted small" role="status">
              {message}
            </span>
          )}
        </div>
      </form>
    </article>
  );
}

/** Staff: consultation requests and bookings, newest first, with filters, notes and status changes. */
export function InboxPage(props: { user: SessionUser; boot: Boot }) {
  const [filter, setFilter] = useState<Status | ''>('');
  const list = useLoad<{ timezone: string; entries: Entry[] }>(
    `/api/clinic/consultations${filter ? `?status=${filter}` : ''}`,
  );
  return (
    <div class="stack">
      <div class="spread bk-head">
        <h1>Consultation inbox</h1>
        <a class="btn btn-secondary" href="/app/availability">
          {props.user.role === 'admin' ? 'Clinicians’ availability' : 'My availability'}
        </a>
      </div>
      <p class="muted">
        {props.user.role === 'admin'
          ? `Every free consultation request for ${props.boot.clinic.name}.`
          : 'Free consultations booked with you, and requests no one has picked up yet.'}{' '}
        Times are in the clinic’s time zone ({props.boot.clinic.timezone}).
      </p>
      <div class="bk-filters" role="group" aria-label="Filter by status">
        {(['', 'new', 'booked', 'contacted', 'converted', 'closed'] as const).map((s) => (
          <button
            type="button"
            key={s || 'all'}
            class={`bk-filter${filter === s ? ' is-selected' : ''}`}
            aria-pressed={filter === s ? 'true' : 'false'}
            onClick={() => setFilter(s)}
          >
            {s ? STATUS_LABEL[s] : 'All'}
          </button>
        ))}
      </div>
      {list.error ? (
        <div class="alert alert-error" role="alert">
          {list.error}
        </div>
      ) : !list.data ? (
        <Loading label="Loading the inbox…" />
      ) : list.data.entries.length === 0 ? (
        <div class="card empty">
          <h3>{filter ? `Nothing marked “${STATUS_LABEL[filter]}”` : 'No consultation requests yet'}</h3>
          <p>When someone books a free consultation on the website, it appears here.</p>
        </div>
      ) : (
        <div class="stack">
          {list.data.entries.map((e) => (
            <EntryCard
              key={`${e.id}-${e.status}`}
              entry={e}
              timezone={list.data!.timezone}
              onChanged={list.reload}
            />
          ))}
        </div>
      )}
    </div>
  );
}
