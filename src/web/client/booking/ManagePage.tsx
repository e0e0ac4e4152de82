import { useEffect, useState } from 'preact/hooks';
import { ApiFailure, api } from '../api';
import { FormError, useForm } from '../forms';
import { Confirmation } from './BookPage';
import { type BookingSummary, Loading, SlotPicker, formatWhen } from './shared';

const PREFERENCES = [
  ['email', 'Email'],
  ['phone', 'Phone call'],
  ['text', 'Text message'],
] as const;

/** How the clinic should contact this person; changeable at any time from the manage link. */
function ContactPreference(props: {
  token: string;
  booking: BookingSummary;
  onSaved: (b: BookingSummary) => void;
}) {
  const [pref, setPref] = useState(props.booking.contactPreference);
  const [saved, setSaved] = useState(false);
  const f = useForm();
  return (
    <section class="card" aria-labelledby="bk-pref-title">
      <h2 id="bk-pref-title">How we contact you</h2>
      <FormError error={f.error} />
      {saved && (
        <div class="alert alert-ok" role="status">
          Saved. We will use this from now on.
        </div>
      )}
      <form
        onSubmit={f.submit(async () => {
          const r = await api<{ booking: BookingSummary }>('POST', '/api/consultations/manage/preferences', {
            token: props.token,
            contactPreference: pref,
          });
          setSaved(true);
          props.onSaved(r.booking);
        })}
      >
        <fieldset class="field bk-pref">
          <legend class="label">If something changes, how should we reach you?</legend>
          {PREFERENCES.map(([value, label]) => (
            <label class="bk-radio" key={value}>
              <input
                type="radio"
                name="pref"
                value={value}
                checked={pref === value}
                onChange={() => {
                  setPref(value);
                  setSaved(false);
                }}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn btn-secondary" disabled={f.busy}>
          Save my preference
        </button>
      </form>
    </section>
  );
}

/** The page behind the emailed "Change or cancel" link. The token travels in request bodies, never in API URLs. */
export function ManagePage() {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const [booking, setBooking] = useState<BookingSummary | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<'view' | 'confirmCancel' | 'reschedule'>('view');
  const [start, setStart] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const f = useForm();

  useEffect(() => {
    if (!token) {
      setLoadError('This link is missing its code. Please open the link from your confirmation email again.');
      return;
    }
    api<{ booking: BookingSummary }>('POST', '/api/consultations/manage/describe', { token })
      .then((r) => setBooking(r.booking))
      .catch((e: unknown) =>
        setLoadError(
          e instanceof ApiFailure && e.error.status === 404
            ? 'We could not find a booking for this link. If you rescheduled, the newest email has the link that works.'
            : e instanceof ApiFailure
              ? e.message
              : 'Could not load your booking.',
        ),
      );
  }, [token]);

  if (loadError) {
    return (
      <div class="stack bk-wrap">
        <h1>Your consultation</h1>
        <div class="alert alert-error" role="alert">
          {loadError}
        </div>
        <a class="btn" href="/book">
          Book a consultation
        </a>
      </div>
    );
  }
  if (!booking) return <Loading label="Loading your booking…" />;

  const title =
    booking.status === 'cancelled'
      ? 'This consultation is cancelled'
      : booking.canChange
        ? 'Your upcoming consultation'
        : 'This consultation has passed';

  return (
    <div class="stack bk-wrap">
      <h1>Your consultation</h1>
      {notice && (
        <div class="alert alert-ok" role="status">
          {notice}
        </div>
      )}
      <Confirmation booking={booking} title={title}>
        {booking.status === 'cancelled' && (
          <p>
            <a class="btn" href="/book">
              Book another time
            </a>
          </p>
        )}
        {booking.canChange && mode === 'view' && (
          <div class="row">
            <button type="button" class="btn" onClick={() => setMode('reschedule')}>
              Choose another time
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setMode('confirmCancel')}>
              Cancel this consultation
            </button>
          </div>
        )}
      </Confirmation>

      {booking.canChange && mode === 'confirmCancel' && (
        <section class="card bk-danger" aria-labelledby="bk-cancel-title">
          <h2 id="bk-cancel-title">Cancel this consultation?</h2>
          <p>
            Your time on {formatWhen(booking.start, booking.timezone)} will be given to someone else. You can
            book again whenever you like.
          </p>
          <FormError error={f.error} />
          <div class="row">
            <button
              type="button"
              class="btn btn-danger"
              disabled={f.busy}
              onClick={f.submit(async () => {
                const r = await api<{ booking: BookingSummary }>('POST', '/api/consultations/manage/cancel', {
                  token,
                });
                setBooking(r.booking);
                setMode('view');
                setNotice('Cancelled. We have emailed you a note that removes it from your calendar.');
              })}
            >
              Yes, cancel it
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setMode('view')}>
              No, keep it
            </button>
          </div>
        </section>
      )}

      {booking.canChange && mode === 'reschedule' && (
        <section class="card" aria-labelledby="bk-move-title">
          <h2 id="bk-move-title">Choose another time</h2>
          <FormError error={f.error} />
          <SlotPicker type={booking.type.slug} selected={start} onSelect={setStart} refreshKey={refreshKey} />
          <div class="row bk-actions">
            <button
              type="button"
              class="btn"
              disabled={!start || f.busy}
              aria-busy={f.busy ? 'true' : 'false'}
              onClick={f.submit(async () => {
                try {
                  const r = await api<{ booking: BookingSummary }>(
                    'POST',
                    '/api/consultations/manage/reschedule',
                    {
                      token,
                      start,
                    },
                  );
                  setBooking(r.booking);
                  setMode('view');
                  setStart(null);
                  setNotice('Moved. We have emailed you the new time with an updated calendar file.');
                  window.scrollTo(0, 0);
                } catch (err) {
                  if (err instanceof ApiFailure && err.error.code === 'slot_taken') {
                    setStart(null);
                    setRefreshKey((k) => k + 1);
                  }
                  throw err;
                }
              })}
            >
              {start ? `Move to ${formatWhen(start, booking.timezone)}` : 'Pick a time above'}
            </button>
            <button type="button" class="btn btn-secondary" onClick={() => setMode('view')}>
              Keep my current time
            </button>
          </div>
        </section>
      )}
      {booking.status !== 'cancelled' && (
        <ContactPreference token={token} booking={booking} onSaved={setBooking} />
      )}
    </div>
  );
}
