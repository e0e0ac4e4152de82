/**
 * The morning check-in: pain now, stiffness, sleep, and the warning signs
 * asked again. The server triages it like the self-check; anything other than
 * self-care is shown first (an emergency, alone). Offline, the check-in is
 * queued, and any ticked warning sign is answered on the device from the
 * sign's own tier, so safety advice never waits for a connection.
 */
import { useState } from 'preact/hooks';
import {
  LEVEL_RANK,
  WARNING_SIGNS,
  WARNING_SIGN_DEFINITIONS,
  type WarningSign,
} from '../../../core/triage/signs';
import { emergencyNumberFor } from '../../ui/plan-text';
import { CheckOption, Group, RadioGroup, Scale } from '../selfcheck/controls';
import { TriageMessage } from '../selfcheck/PlanView';
import { SIGN_GROUPS, SIGN_GROUP_LABELS, SIGN_LABELS } from '../selfcheck/wording';
import type { Boot, SessionUser } from '../types';
import { LEVEL_ADVICE, type Triage, rememberTriage } from './data';
import { localDate, newClientId, queueWrite } from './offline';

type Sleep = 'good' | 'ok' | 'poor';

/** What we can say on the device when the server cannot be reached. */
function localTriage(signs: WarningSign[]): Triage {
  if (signs.length === 0) return { level: 'selfCare', reasons: [], advice: '' };
  const level = signs
    .map((s) => WARNING_SIGN_DEFINITIONS[s].tier)
    .sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b])[0] as 'emergency' | 'urgent' | 'soon';
  return {
    level,
    reasons: signs.map((s) => ({
      code: s,
      message: WARNING_SIGN_DEFINITIONS[s].message,
      level: WARNING_SIGN_DEFINITIONS[s].tier,
      source: WARNING_SIGN_DEFINITIONS[s].source,
    })),
    advice: LEVEL_ADVICE[level],
  };
}

export function CheckinPage(props: { user: SessionUser; boot: Boot }) {
  const tz = props.user.timezone || props.boot.clinic.timezone;
  const [painNow, setPain] = useState<number | null>(null);
  const [stiffness, setStiffness] = useState<number | null>(null);
  const [sleep, setSleep] = useState<Sleep | ''>('');
  const [signs, setSigns] = useState<WarningSign[]>([]);
  const [none, setNone] = useState(false);
  const [errors, setErrors] = useState<{ pain?: string; signs?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ triage: Triage; queued: boolean } | null>(null);
  const [clientId] = useState(newClientId);

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (painNow === null) errs.pain = 'Choose your pain right now, from 0 to 10.';
    if (!none && signs.length === 0) errs.signs = 'Tick any that apply, or “None of these”.';
    setErrors(errs);
    if (errs.pain || errs.signs) {
      setTimeout(() => document.getElementById(errs.pain ? 'fld-painNow' : 'fld-signs')?.focus(), 0);
      return;
    }
    setBusy(true);
    const date = localDate(tz);
    try {
      const body: Record<string, unknown> = { clientId, date, painNow, warningSigns: none ? [] : signs };
      if (stiffness !== null) body.stiffness = stiffness;
      if (sleep) body.sleep = sleep;
      const res = await queueWrite<{ checkin: { triage: Triage } }>(
        clientId,
        'POST',
        '/api/me/checkins',
        body,
      );
      const triage = res ? res.checkin.triage : localTriage(none ? [] : signs);
      rememberTriage(props.user.id, date, triage);
      setResult({ triage, queued: res === null });
      window.scrollTo(0, 0);
      setTimeout(() => document.getElementById('checkin-result-title')?.focus(), 0);
    } catch (err) {
      setErrors({ form: (err as { message?: string }).message ?? 'We could not save your check-in.' });
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    const { triage, queued } = result;
    const emergencyNumber = emergencyNumberFor(props.boot.clinic.timezone);
    if (triage.level !== 'selfCare') {
      return (
        <div class="stack pt-checkin">
          <h1 class="visually-hidden">Your check-in</h1>
          <TriageMessage
            triage={triage}
            heading="h2"
            titleId="checkin-result-title"
            emergencyNumber={emergencyNumber}
          />
          {triage.level !== 'emergency' && (
            <>
              <p class="muted">
                Your check-in is {queued ? 'saved on this device and will sync when you are online' : 'saved'}
                .
                {triage.level === 'soon'
                  ? ' Keep your exercises gentle until a doctor has checked you.'
                  : ' Please pause your exercises until a doctor has checked you.'}
              </p>
              <a class="btn btn-secondary" href="/app">
                Back to Today
              </a>
            </>
          )}
        </div>
      );
    }
    return (
      <div class="stack pt-checkin">
        <section class="card pt-done-card" aria-labelledby="checkin-result-title">
          <div class="pt-summary-mark" aria-hidden="true">
            ✓
          </div>
          <h1 id="checkin-result-title" tabIndex={-1}>
            Thanks, you are checked in
          </h1>
          <p>
            {queued ? 'Saved on this device; it will sync when you are back online. ' : ''}
            Pain {painNow} out of 10 today.{' '}
            {painNow !== null && painNow >= 7
              ? 'That is a hard day. Keep movement gentle and short; it is fine to do less today.'
              : 'Keep moving gently: it is one of the best things for hips and backs.'}
          </p>
          <a class="btn btn-block pt-big" href="/app">
            Back to Today
          </a>
        </section>
      </div>
    );
  }

  return (
    <div class="stack pt-checkin">
      <header class="pt-head">
        <h1 tabIndex={-1}>Morning check-in</h1>
        <p class="pt-sub">About a minute. It helps your plan keep pace with how you are.</p>
      </header>
      <form class="stack" noValidate onSubmit={(e) => void submit(e)}>
        {errors.form && (
          <div class="alert alert-error" role="alert">
            {errors.form}
          </div>
        )}
        <div class="card">
          <Scale
            name="painNow"
            legend="How much pain do you have right now?"
            value={painNow}
            onChange={(v) => {
              setPain(v);
              setErrors((x) => ({ ...x, pain: undefined }));
            }}
            error={errors.pain}
          />
        </div>
        <div class="card">
          <Scale
            name="stiffness"
            legend="How stiff did you feel when you got up?"
            hint="Optional"
            value={stiffness}
            onChange={setStiffness}
            low="Not stiff"
            high="Very stiff"
          />
        </div>
        <div class="card">
          <RadioGroup
            name="sleep"
            legend="How did you sleep?"
            hint="Optional"
            inline
            options={[
              ['good', 'Well'],
              ['ok', 'OK'],
              ['poor', 'Badly'],
            ]}
            value={sleep}
            onChange={setSleep}
          />
        </div>
        <div class="card">
          <Group
            name="signs"
            legend="Since yesterday, have you noticed any of these?"
            hint="Tick any that apply. These are rare, and we ask every day so nothing is missed."
            error={errors.signs}
          >
            <div class="sc-none pt-none-first">
              <CheckOption
                name="noSigns"
                value="none"
                class="sc-option-none"
                label={<strong>None of these</strong>}
                checked={none}
                onChange={(on) => {
                  setNone(on);
                  if (on) setSigns([]);
                  setErrors((x) => ({ ...x, signs: undefined }));
                }}
              />
            </div>
            {SIGN_GROUPS.map((g) => {
              const inGroup = WARNING_SIGNS.filter((s) => SIGN_LABELS[s].group === g);
              return (
                <div class="pt-sign-group" key={g}>
                  <p class="pt-sign-group-title">{SIGN_GROUP_LABELS[g]}</p>
                  <div class="sc-options">
                    {inGroup.map((s) => (
                      <CheckOption
                        key={s}
                        name="signs"
                        value={s}
                        label={SIGN_LABELS[s].label}
                        checked={signs.includes(s)}
                        onChange={(on) => {
                          setSigns(on ? [...signs, s] : signs.filter((x) => x !== s));
                          if (on) setNone(false);
                          setErrors((x) => ({ ...x, signs: undefined }));
                        }}
                      />
                    ))}
                  </div>
                </div>
              );
            })}
          </Group>
        </div>
        <button
          type="submit"
          class="btn btn-block pt-big"
          disabled={busy}
          aria-busy={busy ? 'true' : 'false'}
        >
          {busy ? 'Saving…' : 'Save my check-in'}
        </button>
      </form>
    </div>
  );
}
