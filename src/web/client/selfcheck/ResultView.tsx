/** The self-check result page: the triage message first, then (when safe) the plan and the offers. */
import { useEffect, useState } from 'preact/hooks';
import type { SelfCheckResult } from '../../../core/plan/run';
import { emergencyNumberFor } from '../../ui/plan-text';
import { ApiFailure, api } from '../api';
import type { Boot } from '../types';
import { downloadPdf } from './download';
import { PlanView, TriageMessage } from './PlanView';

interface ClinicContact {
  name: string;
  contactPhone: string;
  contactEmail: string;
  address: string;
}

/** The clinic's public contact details, for "Talk to a physical therapist". */
export function useClinicContact(): ClinicContact | null {
  const [clinic, setClinic] = useState<ClinicContact | null>(null);
  useEffect(() => {
    let live = true;
    api<{ clinic: ClinicContact }>('GET', '/api/clinic')
      .then((r) => live && setClinic(r.clinic))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return clinic;
}

/** "Download your plan (PDF)": a button that fetches the PDF and saves it. */
export function DownloadButton(props: { url: string; body?: unknown; label?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await downloadPdf(props.url, props.body);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : 'We could not make your PDF. Please try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class="btn sc-download"
        onClick={() => void click()}
        aria-busy={busy ? 'true' : 'false'}
        disabled={busy}
      >
        <svg
          aria-hidden="true"
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          stroke-width="2.2"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <path d="M12 4v11M7 10.5l5 5 5-5M5 19.5h14" />
        </svg>
        {busy ? 'Preparing your PDF…' : (props.label ?? 'Download your plan (PDF)')}
      </button>
      {error && (
        <p class="alert alert-error sc-inline-alert" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function TalkToPt(props: { clinic: ClinicContact | null; clinicName: string; showSignup: boolean }) {
  const c = props.clinic;
  return (
    <section class="card sc-talk" aria-labelledby="talk-title">
      <h2 id="talk-title">Talk to a physical therapist</h2>
      <p>
        A physical therapist at {props.clinicName} can check how you move, show you the exercises and fit the
        plan to you. Your first consultation is free.
      </p>
      {c && (c.contactPhone || c.contactEmail) && (
        <ul class="sc-contact">
          {c.contactPhone && (
            <li>
              <span class="sc-label">Phone</span>{' '}
              <a href={`tel:${c.contactPhone.replace(/[^\d+]/g, '')}`}>{c.contactPhone}</a>
            </li>
          )}
          {c.contactEmail && (
            <li>
              <span class="sc-label">Email</span> <a href={`mailto:${c.contactEmail}`}>{c.contactEmail}</a>
            </li>
          )}
          {c.address && (
            <li>
              <span class="sc-label">Address</span> {c.address}
            </li>
          )}
        </ul>
      )}
      {props.showSignup && (
        <p>
          <a class="btn btn-secondary" href="/signup">
            Create a free account to get started
          </a>
        </p>
      )}
    </section>
  );
}

export function ResultView(props: {
  boot: Boot;
  result: SelfCheckResult;
  answers: unknown;
  /** True when the result was saved as the logged-in patient's intake. */
  saved: boolean;
  onRetake: () => void;
  onChangeAnswers: () => void;
}) {
  const { boot, result } = props;
  const clinic = useClinicContact();
  const emergencyNumber = emergencyNumberFor(boot.clinic.timezone);
  const level = result.triage.level;
  const patient = boot.user?.role === 'patient';

  if (level === 'emergency' || level === 'urgent' || !result.plan) {
    // Only the advice: no plan, no exercises, no offers.
    return (
      <div class="sc-result">
        <TriageMessage
          triage={result.triage}
          heading="h1"
          titleId="sc-result-title"
          emergencyNumber={emergencyNumber}
        />
        {props.saved && (
          <p class="muted small">
            Your answers are saved to your record, so your physical therapist can see them.
          </p>
        )}
        <p class="sc-change">
          <button type="button" class="btn btn-quiet" onClick={props.onChangeAnswers}>
            Ticked something by mistake? Change your answers
          </button>
        </p>
      </div>
    );
  }

  const pdf = props.saved ? { url: '/api/me/plan.pdf' } : { url: '/api/self-check/pdf', body: props.answers };
  return (
    <div class="sc-result">
      <TriageMessage
        triage={result.triage}
        heading="h1"
        titleId="sc-result-title"
        emergencyNumber={emergencyNumber}
      />
      {level === 'soon' && (
        <div class="sc-plan-intro">
          <h2>Your starter plan</h2>
          <p class="muted">
            Until your doctor has seen you, keep moving gently. Your plan starts at the easiest level.
          </p>
        </div>
      )}
      <section class="card sc-offers" aria-label="Keep your plan">
        <div class="sc-offer">
          <DownloadButton {...pdf} />
          <p class="small muted">A printable copy with pictures and step-by-step instructions.</p>
        </div>
        {props.saved ? (
          <div class="sc-offer">
            <p class="alert alert-ok sc-inline-alert" role="status">
              Saved to your account. Your plan is on your home page.
            </p>
            <a class="btn btn-accent" href="/app/plan">
              Go to my plan
            </a>
          </div>
        ) : !boot.user ? (
          <div class="sc-offer">
            <a class="btn btn-accent" href="/signup">
              Save it: create a free account
            </a>
            <p class="small muted">Your answers come with you, so your plan is waiting when you log in.</p>
          </div>
        ) : null}
      </section>
      <PlanView plan={result.plan} />
      <TalkToPt clinic={clinic} clinicName={boot.clinic.name} showSignup={!boot.user} />
      <p class="sc-retake">
        <button type="button" class="btn btn-secondary" onClick={props.onRetake}>
          Retake the self-check
        </button>
        {!patient && (
          <span class="small muted">Your answers are not stored unless you create an account.</span>
        )}
      </p>
    </div>
  );
}
