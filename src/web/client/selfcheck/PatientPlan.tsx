/** The plan on the patient's home page: from their latest self-check, or an invitation to take it. */
import { useEffect, useState } from 'preact/hooks';
import type { SelfCheckResult } from '../../../core/plan/run';
import { emergencyNumberFor, formatDate } from '../../ui/plan-text';
import { api } from '../api';
import type { Boot, SessionUser } from '../types';
import { PlanView, TriageMessage } from './PlanView';
import { DownloadButton } from './ResultView';

interface Intake {
  id: string;
  createdAt: string;
  result: SelfCheckResult;
}

export function PatientPlan(props: { boot: Boot; user: SessionUser }) {
  const [intake, setIntake] = useState<Intake | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ intake: Intake | null }>('GET', '/api/me/intake')
      .then((r) => live && setIntake(r.intake))
      .catch((e: { message?: string }) => live && setError(e.message ?? 'We could not load your plan.'));
    return () => {
      live = false;
    };
  }, []);

  if (error) return <div class="alert alert-error">{error}</div>;
  if (intake === undefined) {
    return (
      <div class="loading" role="status">
        <span class="spinner" aria-hidden="true" /> Loading your plan…
      </div>
    );
  }
  if (intake === null) {
    return (
      <div class="card">
        <div class="empty sc-empty">
          <h2>Your plan starts with a short self-check</h2>
          <p>
            {props.user.clinicianId
              ? 'Your physical therapist is preparing your personal program. It will appear here. '
              : ''}
            Answer a few questions, about 3 minutes, and we build a starter plan for your hips and back:
            strength, stretches, movement breaks and activity, each with the reason it is there.
          </p>
          <a class="btn" href="/check">
            Take the self-check to build your plan
          </a>
        </div>
      </div>
    );
  }

  const { result } = intake;
  // The plan's own date is the patient's calendar day; createdAt is UTC.
  const taken = formatDate(result.plan?.generatedOn ?? intake.createdAt.slice(0, 10));
  return (
    <div class="stack sc-home">
      {result.triage.level !== 'selfCare' && (
        <TriageMessage
          triage={result.triage}
          heading="h2"
          titleId="my-triage-title"
          emergencyNumber={emergencyNumberFor(props.boot.clinic.timezone)}
        />
      )}
      {result.plan ? (
        <>
          <div class="sc-home-head">
            <div>
              <h2>Your plan</h2>
              <p class="muted small">
                From your self-check on {taken}. It is a starting point, not a diagnosis.
              </p>
            </div>
            <div class="sc-home-actions">
              <DownloadButton url="/api/me/plan.pdf" label="Download my plan (PDF)" />
              <a class="btn btn-secondary" href="/check">
                Retake the self-check
              </a>
            </div>
          </div>
          <PlanView plan={result.plan} />
        </>
      ) : (
        <p class="muted">
          Once a doctor has checked you, you can <a href="/check">take the self-check again</a> to build your
          plan.
        </p>
      )}
    </div>
  );
}
