/** The plan on the patient's home page: from their latest self-check, or an invitation to take it. */
import { useEffect, useState } from 'preact/hooks';
import type { SelfCheckResult } from '../../../core/plan/run';
import { emergencyNumberFor, formatDate } from '../../ui/plan-text';
import { api } from '../api';
import { Loading } from '../forms';
import type { Boot, SessionUser } from '../types';
import { PlanView, TriageMessage } from './PlanView';
import { DownloadButton } from './ResultView';

interface CurrentPlan {
  version: number;
  createdAt: string;
  source: string;
  plan: NonNullable<SelfCheckResult['plan']>;
}

interface Intake {
  id: string;
  createdAt: string;
  result: SelfCheckResult;
}

export function PatientPlan(props: { boot: Boot; user: SessionUser }) {
  const [intake, setIntake] = useState<Intake | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<CurrentPlan | null>(null);
  useEffect(() => {
    let live = true;
    // The current plan version (a PT's edit or an automatic change) replaces the intake's starter plan.
    api<{ plan: CurrentPlan | null }>('GET', '/api/me/plan')
      .then((r) => live && setCurrent(r.plan))
      .catch(() => {});
    api<{ intake: Intake | null }>('GET', '/api/me/intake')
      .then((r) => live && setIntake(r.intake))
      .catch((e: { message?: string }) => live && setError(e.message ?? 'We could not load your plan.'));
    return () => {
      live = false;
    };
  }, []);

  if (error) return <div class="alert alert-error">{error}</div>;
  if (intake === undefined) {
    return <Loading label="Loading your plan…" />;
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

  const result =
    current && current.version > 1 && intake.result.plan
      ? { ...intake.result, plan: current.plan }
      : intake.result;
  const updated = current && current.version > 1 ? formatDate(current.createdAt.slice(0, 10)) : null;
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
                {updated
                  ? `Updated on ${updated} ${current?.source === 'clinician' ? 'by your physical therapist' : 'as you progressed'}. `
                  : `From your self-check on ${taken}. `}
                It is a starting point, not a diagnosis.
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
