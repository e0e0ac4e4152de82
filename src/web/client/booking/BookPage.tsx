import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, api } from '../api';
import { Field, FormError, SubmitButton, useForm } from '../forms';
import type { Boot } from '../types';
import {
  type BookingSummary,
  type ConsultationType,
  Loading,
  SlotPicker,
  formatWhen,
  useLoad,
} from './shared';

const REASON_MAX = 500;

const MODE_LABEL: Record<ConsultationType['mode'], string> = {
  inClinic: 'At the clinic',
  phone: 'By phone',
  video: 'By video',
};

/**
 * Moves focus to a step's heading when the person changes the value before
 * it (not when it is first filled in for them), so screen-reader and
 * keyboard users follow along.
 */
function useFocus<T extends HTMLElement>(dep: string | null, onFirstValue: boolean) {
  const ref = useRef<T>(null);
  const prev = useRef<string | null>(dep);
  useEffect(() => {
    const before = prev.current;
    prev.current = dep;
    if (dep === null || dep === before) return;
    if (before === null && !onFirstValue) return;
    ref.current?.focus();
  }, [dep]);
  return ref;
}

export function Confirmation(props: {
  booking: BookingSummary;
  title: string;
  children?: preact.ComponentChildren;
}) {
  const b = props.booking;
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="card bk-confirm" role="status">
      <h2 ref={ref} tabIndex={-1}>
        {props.title}
      </h2>
      <dl class="bk-facts">
        <dt>What</dt>
        <dd>
          {b.type.name} ({b.type.durationMinutes} minutes, free)
        </dd>
        <dt>When</dt>
        <dd>
          {formatWhen(b.start, b.timezone)} <span class="muted">({b.timezoneLabel})</span>
        </dd>
        <dt>Where</dt>
        <dd>{b.type.mode === 'phone' ? 'We will call you' : b.clinic.address || b.clinic.name}</dd>
      </dl>
      {props.children}
    </div>
  );
}

export function BookPage(props: { boot: Boot }) {
  const types = useLoad<{ types: ConsultationType[] }>('/api/consultations/types');
  const [type, setType] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [name, setName] = useState(props.boot.user?.displayName ?? '');
  const [email, setEmail] = useState(props.boot.user?.email ?? '');
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [pref, setPref] = useState<'email' | 'phone' | 'text'>('email');
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  const [booked, setBooked] = useState<BookingSummary | null>(null);
  const f = useForm();
  const timesRef = useFocus<HTMLHeadingElement>(type, false);
  const detailsRef = useFocus<HTMLHeadingElement>(start, true);

  useEffect(() => {
    if (!type && types.data?.types[0]) setType(types.data.types[0].slug);
  }, [types.data]);

  if (booked) {
    return (
      <div class="stack bk-wrap">
        <h1>You are booked in</h1>
        <Confirmation booking={booked} title="Your free consultation is booked">
          <p>
            We have emailed a confirmation to <strong>{booked.email}</strong> with a calendar file and a link
            to change or cancel. We will send a reminder the day before.
          </p>
          <p class="muted small">
            No email after a few minutes? Check your spam folder, or contact the clinic.
          </p>
          <div class="row">
            <a class="btn btn-secondary" href="/resources">
              Free guides while you wait
            </a>
            <a class="btn btn-quiet" href="/">
              Back to the home page
            </a>
          </div>
        </Confirmation>
      </div>
    );
  }

  const chosenType = types.data?.types.find((t) => t.slug === type);

  return (
    <div class="stack bk-wrap">
      <div>
        <h1>Book a free consultation</h1>
        <p class="lede">
          Talk with one of our physical therapists about your hip or lower back, at no cost and with no
          commitment. Choose a type, pick a time, and tell us a little about you.
        </p>
      </div>

      <section class="card" aria-labelledby="bk-type-title">
        <h2 id="bk-type-title">1. What kind of consultation?</h2>
        {types.error ? (
          <div class="alert alert-error">{types.error}</div>
        ) : !types.data ? (
          <Loading label="Loading…" />
        ) : (
          <fieldset class="bk-types">
            <legend class="visually-hidden">Consultation type</legend>
            {types.data.types.map((t) => (
              <label class={`bk-type${type === t.slug ? ' is-checked' : ''}`} key={t.slug}>
                <input
                  type="radio"
                  name="type"
                  value={t.slug}
                  checked={type === t.slug}
                  onChange={() => {
                    setType(t.slug);
                    setStart(null);
                  }}
                />
                <span>
                  <strong>{t.name}</strong>
                  <span class="hint">
                    {' '}
                    · {t.durationMinutes} minutes · {MODE_LABEL[t.mode]}
                  </span>
                  <span class="bk-type-desc">{t.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
      </section>

      {type && (
        <section class="card" aria-labelledby="bk-time-title">
          <h2 id="bk-time-title" ref={timesRef} tabIndex={-1}>
            2. Pick a time
          </h2>
          <SlotPicker type={type} selected={start} onSelect={setStart} refreshKey={refreshKey} />
        </section>
      )}

      {type && start && chosenType && (
        <section class="card" aria-labelledby="bk-details-title">
          <h2 id="bk-details-title" ref={detailsRef} tabIndex={-1}>
            3. Your details
          </h2>
          <p class="alert alert-info">
            {chosenType.name}, <strong>{formatWhen(start, props.boot.clinic.timezone)}</strong>.
          </p>
          <FormError error={f.error} />
          <form
            noValidate
            onSubmit={f.submit(async () => {
              try {
                const res = await api<{ booking: BookingSummary }>('POST', '/api/consultations/bookings', {
                  type,
                  start,
                  name,
                  email,
                  ...(phone.trim() ? { phone } : {}),
                  ...(reason.trim() ? { reason } : {}),
                  contactPreference: pref,
                  consent,
                  website,
                });
                setBooked(res.booking);
                window.scrollTo(0, 0);
              } catch (err) {
                if (err instanceof ApiFailure && err.error.code === 'slot_taken') {
                  // Someone else got there first: show the fresh list and keep what they typed.
                  setStart(null);
                  setRefreshKey((k) => k + 1);
                  setTimeout(() => timesRef.current?.focus(), 0);
                }
                throw err;
              }
            })}
          >
            <Field
              name="name"
              label="Your name"
              value={name}
              onInput={setName}
              error={f.error}
              autoComplete="name"
              required
            />
            <Field
              name="email"
              label="Email"
              type="email"
              value={email}
              onInput={setEmail}
              error={f.error}
              autoComplete="email"
              hint="We send your confirmation here."
              required
            />
            <Field
              name="phone"
              label="Phone"
              type="tel"
              value={phone}
              onInput={setPhone}
              error={f.error}
              autoComplete="tel"
              inputMode="tel"
              hint={chosenType.mode === 'phone' ? 'The number we should call.' : 'Optional.'}
            />
            <div class="field">
              <label for="f-reason">What would you like help with?</label>
              <span class="hint" id="f-reason-hint">
                Optional. A sentence or two is plenty. Please do not include anything you would not want in an
                email.
              </span>
              <textarea
                id="f-reason"
                name="reason"
                rows={3}
                maxLength={REASON_MAX}
                value={reason}
                aria-describedby="f-reason-hint f-reason-count"
                aria-invalid={f.error?.path === 'reason' ? 'true' : undefined}
                onInput={(e) => setReason(e.currentTarget.value)}
              />
              <span class="hint" id="f-reason-count">
                {reason.length} of {REASON_MAX} characters
              </span>
            </div>
            <fieldset class="field bk-pref">
              <legend class="label">How should we contact you if something changes?</legend>
              {(
                [
                  ['email', 'Email'],
                  ['phone', 'Phone call'],
                  ['text', 'Text message'],
                ] as const
              ).map(([value, label]) => (
                <label class="bk-radio" key={value}>
                  <input
                    type="radio"
                    name="pref"
                    value={value}
                    checked={pref === value}
                    onChange={() => setPref(value)}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
            {/* Left empty by people; bots fill it in. Hidden from everyone, including screen readers. */}
            <div class="bk-hp" aria-hidden="true">
              <label for="f-website">Leave this empty</label>
              <input
                id="f-website"
                name="website"
                type="text"
                tabIndex={-1}
                autoComplete="off"
                value={website}
                onInput={(e) => setWebsite(e.currentTarget.value)}
              />
            </div>
            <div class="field bk-consent">
              <label class="bk-check">
                <input
                  type="checkbox"
                  name="consent"
                  checked={consent}
                  aria-invalid={f.error?.path === 'consent' ? 'true' : undefined}
                  onChange={(e) => setConsent(e.currentTarget.checked)}
                />
                <span>
                  I agree that {props.boot.clinic.name} may store these details to arrange and follow up this
                  consultation, as described in the{' '}
                  <a href="/privacy" target="_blank" rel="noopener">
                    privacy notice
                  </a>
                  .
                </span>
              </label>
            </div>
            <SubmitButton busy={f.busy} busyLabel="Booking…">
              Book my free consultation
            </SubmitButton>
          </form>
        </section>
      )}

      <p class="muted small">
        A consultation is not emergency care. If you have new numbness between your legs, new trouble passing
        urine or controlling your bowels, or weakness in both legs, go to an emergency department now.
      </p>
    </div>
  );
}
